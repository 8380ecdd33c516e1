"""Send the weekly thanks digests that are due (stories.digests); safe to run at any time.

The task workers already run this every THANKS_DIGEST_CHECK_SECONDS; the command is for a timer
on a deployment without them (deploy/systemd/flip-thanks-digests.timer) and for operators.
"""

from django.core.management.base import BaseCommand

from stories.digests import send_thanks_digests


class Command(BaseCommand):
    help = "Email each storyteller whose stories were thanked their weekly digest, once a week."

    def handle(self, *args, **options) -> None:
        sent = send_thanks_digests()
        self.stdout.write(f"Queued {sent} thanks digest{'s' if sent != 1 else ''}.")
