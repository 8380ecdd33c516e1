import json
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand

from accounts.models import User
from kindness.signed_in import SessionStore

DEMO_MODERATOR_EMAIL = "moderator@example.com"


def signed_in_session(user: User) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


class Command(BaseCommand):
    help = "Create the load test's members (verified, one password) on the load test database."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--members", type=int, default=20)
        parser.add_argument("--password", default="loadtest-member-password")
        parser.add_argument(
            "--moderator",
            action="store_true",
            help="Also sign in the demo moderator (seed_demo), for the scale-out run's decisions.",
        )

    def handle(self, *args, members: int, password: str, moderator: bool, **options) -> None:
        hashed = make_password(password)
        sessions = {}
        for number in range(members):
            email = f"loadtest{number}@example.com"
            user, _ = User.objects.update_or_create(
                email=email, defaults={"display_name": f"Load {number}", "password": hashed}
            )
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            sessions[email] = signed_in_session(user)
        if moderator:
            demo_moderator = User.objects.get(email=DEMO_MODERATOR_EMAIL)
            sessions[demo_moderator.email] = signed_in_session(demo_moderator)
        out = Path(settings.VAR_DIR) / "loadtest" / "sessions.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(sessions))
        self.stdout.write(f"{members} load test members ready, signed in ({out}).")
