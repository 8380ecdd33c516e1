from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand

from accounts.models import User


class Command(BaseCommand):
    help = "Create the load test's members (verified, one password) on the load test database."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--members", type=int, default=20)
        parser.add_argument("--password", default="loadtest-member-password")

    def handle(self, *args, members: int, password: str, **options) -> None:
        hashed = make_password(password)
        for number in range(members):
            email = f"loadtest{number}@example.com"
            user, _ = User.objects.update_or_create(
                email=email, defaults={"display_name": f"Load {number}", "password": hashed}
            )
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
        self.stdout.write(f"{members} load test members ready.")
