from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from outbox.models import Email


class Command(BaseCommand):
    help = (
        "Delete emails delivered or given up on more than --days ago (30): the outbox keeps "
        "addresses and text only as long as someone may ask what was sent (run daily)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=30, help="Keep emails younger than this.")

    def handle(self, *args, days: int, **options) -> None:
        cutoff = timezone.now() - timedelta(days=days)
        removed, _ = Email.objects.filter(Q(sent_at__lt=cutoff) | Q(gave_up_at__lt=cutoff)).delete()
        self.stdout.write(f"Removed {removed} old email{'s' if removed != 1 else ''}.")
