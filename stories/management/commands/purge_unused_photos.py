from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from stories.models import StoryPhoto


class Command(BaseCommand):
    help = "Delete uploads that no story or edit uses, a day after they were made (run daily)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--hours", type=int, default=24, help="Keep uploads younger than this.")

    def handle(self, *args, hours: int, **options) -> None:
        cutoff = timezone.now() - timedelta(hours=hours)
        removed = 0
        for photo in StoryPhoto.objects.unused(older_than=cutoff).iterator():
            with transaction.atomic():
                # Asked again: a form finished since the list was read may have chosen it.
                deleted, _ = (
                    StoryPhoto.objects.unused(older_than=cutoff).filter(pk=photo.pk).delete()
                )
                # Files (local or in the bucket) are not part of the transaction: removed only
                # once the row is surely gone, so no row is ever left pointing at nothing.
                if deleted:
                    transaction.on_commit(photo.delete_files)
            removed += bool(deleted)
        self.stdout.write(f"Removed {removed} unused photo{'s' if removed != 1 else ''}.")
