from django.core.management.base import BaseCommand, CommandError

from kindness.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_TOTP_URI, seed
from kindness.demo.loader import DemoStoryError


class Command(BaseCommand):
    help = "Create the demo members and demo stories (each only once) and print the demo logins."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--quiet-objects", action="store_true", help="Print only the logins.")

    def handle(self, *args, quiet_objects: bool = False, **options) -> None:
        def log(line: str) -> None:
            if not quiet_objects:
                self.stdout.write(line)

        try:
            members = seed(log=log)
        except DemoStoryError as error:
            raise CommandError(
                f"Fix these demo story files in kindness/demo/stories/:\n{error}"
            ) from None
        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password for all: {DEMO_PASSWORD})"))
        for member in members:
            role = "moderator" if member.moderator else "member"
            self.stdout.write(f"  {role:9} {member.email}")
        self.stdout.write(
            f"The demo moderator's authenticator app secret: {DEMO_TOTP_SECRET}\n  {DEMO_TOTP_URI}"
        )
