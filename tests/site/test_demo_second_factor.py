"""The demo moderator has an authenticator app with a documented secret, so the demo still opens."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kindness.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from tests.factories import totp_code


def seed_demo() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db) -> str:
    return seed_demo()


def test_the_demo_moderator_logs_in_with_the_password_and_a_code_from_the_demo_secret(seeded):
    client = Client()

    asked = client.post(
        reverse("account_login"), {"login": "moderator@example.com", "password": DEMO_PASSWORD}
    )
    client.post(reverse("mfa_authenticate"), {"code": totp_code(DEMO_TOTP_SECRET)})

    assert asked["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("moderation:queue")).status_code == 200


def test_seed_demo_prints_the_secret_and_the_readme_documents_it(seeded):
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()

    assert DEMO_TOTP_SECRET in seeded
    assert (
        f"otpauth://totp/Flip%20the%20Counter:moderator%40example.com?secret={DEMO_TOTP_SECRET}"
        in seeded
    )
    assert DEMO_TOTP_SECRET in readme


def test_seeding_twice_keeps_the_one_device(seeded):
    second_run = seed_demo()

    assert "exists  second factor of moderator@example.com" in second_run
    assert "created" not in second_run
