"""Every email names Flip the Counter and links to SITE_URL, whatever host the request used."""

import re

import pytest
from allauth.account.adapter import get_adapter
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from moderation import decisions
from moderation.models import Action
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PUBLIC = "https://flipthecounter.example"
ODD_HOST = "10.1.2.3:8443"
LINK = re.compile(r"https?://[^\s\"<>]+")


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SITE_URL = PUBLIC
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "10.1.2.3"]


@pytest.fixture
def odd_client() -> Client:
    """A browser that reached the site on an address nobody should be sent back to."""
    return Client(HTTP_HOST=ODD_HOST)


def assert_public(message) -> None:
    text = message.body + "".join(content for content, _ in getattr(message, "alternatives", []))
    assert "Flip the Counter" in text
    assert PUBLIC in text
    assert "10.1.2.3" not in text + message.subject
    assert "Hello from 10" not in text
    assert all(link.startswith(PUBLIC) for link in LINK.findall(text)), LINK.findall(text)


def sign_up(client: Client, email: str):
    return client.post(
        reverse("account_signup"),
        {"email": email, "display_name": "Neo", "password1": PASSWORD, "password2": PASSWORD},
    )


def test_the_signup_confirmation(odd_client):
    sign_up(odd_client, "neo@mail.test")

    [message] = mail.outbox
    assert_public(message)
    assert message.body.startswith("Hello from Flip the Counter!")
    assert f"{PUBLIC}/accounts/confirm-email/" in message.body


def test_the_account_already_exists_notice(odd_client):
    UserFactory(email="taken@mail.test")

    sign_up(odd_client, "taken@mail.test")

    [message] = mail.outbox
    assert_public(message)
    assert f"{PUBLIC}{reverse('account_reset_password')}" in message.body


def test_the_password_reset_link(odd_client):
    UserFactory(email="known@mail.test")

    odd_client.post(reverse("account_reset_password"), {"email": "known@mail.test"})

    [message] = mail.outbox
    assert_public(message)
    assert f"{PUBLIC}/accounts/password/reset/key/" in message.body


def test_the_unknown_account_notice(odd_client):
    odd_client.post(reverse("account_reset_password"), {"email": "nobody@mail.test"})

    [message] = mail.outbox
    assert_public(message)
    assert f"{PUBLIC}{reverse('account_signup')}" in message.body


def test_the_password_changed_notice(author):
    client = Client(HTTP_HOST=ODD_HOST)
    client.force_login(author)

    client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "another-long-password-7",
            "password2": "another-long-password-7",
        },
    )

    [message] = mail.outbox
    assert_public(message)
    assert "The password of your account was changed." in message.body


def test_the_new_address_confirmation_and_the_notice_to_the_old_one(author):
    client = Client(HTTP_HOST=ODD_HOST)
    client.force_login(author)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    client.post(reverse("account_email"), {"action_add": "", "email": "new@mail.test"})

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert_public(message)


def test_an_email_rendered_with_no_request_at_all(author):
    """As the worker would: no request, so no host to fall back on."""
    get_adapter().send_mail(
        "account/email/password_changed",
        author.email,
        {"user": author, "ip": "", "user_agent": "", "timestamp": timezone.now()},
    )

    [message] = mail.outbox
    assert_public(message)


def test_a_moderation_decision(waiting_story, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        decisions.decide_story(
            story=waiting_story, moderator=moderator, action=Action.REQUEST_CHANGES, note="Short."
        )

    [message] = mail.outbox
    assert_public(message)
