from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from moderation.roles import make_moderator, remove_moderator
from moderation.second_factor import has_second_factor


class Command(BaseCommand):
    help = "Grant or revoke the moderator role: manage.py moderator add|remove EMAIL"

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["add", "remove"])
        parser.add_argument("email")

    def handle(self, *args, action: str, email: str, **options) -> None:
        User = get_user_model()
        try:
            user = User.objects.get(email__iexact=email)
        except User.DoesNotExist:
            raise CommandError(f"No member has the email address {email}.") from None
        if action == "add":
            make_moderator(user)
            self.stdout.write(self.style.SUCCESS(f"{user.email} is now a moderator."))
            if has_second_factor(user):
                self.stdout.write("They have a second factor: the moderation pages are open.")
            else:
                self.stdout.write(
                    self.style.WARNING(
                        "They have no second factor yet: the moderation pages and the admin stay"
                        " closed until they add an authenticator app or a passkey (Settings,"
                        " Second factor), which those pages ask them to do."
                    )
                )
        else:
            remove_moderator(user)
            self.stdout.write(self.style.SUCCESS(f"{user.email} is no longer a moderator."))
