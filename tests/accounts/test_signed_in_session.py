"""A session read by the prebuilt queries of kindness.signed_in ends exactly when Django's would.

Each test client below stands for another server process holding the same session cookie: no
process keeps a session or a member of its own, so a change made through one is seen by the next
request through any other.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kindness.models import MemberSession
from tests.pages import parse

pytestmark = pytest.mark.django_db


def same_session(client: Client) -> Client:
    other = Client()
    other.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return other


def shown_name(client: Client) -> str:
    summary = parse(client.get(reverse("stories:list"))).find("summary")
    return summary.text.strip() if summary else ""


def test_it_shows_the_member_their_name_from_the_session(author, author_client):
    assert shown_name(same_session(author_client)) == author.public_name


def test_a_log_out_in_one_process_is_honoured_by_the_next_request_in_another(author, author_client):
    elsewhere = same_session(author_client)
    assert shown_name(elsewhere) == author.public_name

    author_client.post(reverse("account_logout"))

    assert shown_name(elsewhere) == ""
    assert "Log in" in elsewhere.get(reverse("stories:list")).content.decode()
    assert elsewhere.get(reverse("stories:mine")).status_code == 302


def test_a_password_change_ends_the_other_sessions_at_their_next_request(author, login):
    here, elsewhere = login(author), login(author)
    assert shown_name(elsewhere) == author.public_name

    author.set_password("a whole new passphrase 42")
    author.save()

    assert shown_name(elsewhere) == ""
    assert elsewhere.get(reverse("stories:mine")).status_code == 302
    assert here.get(reverse("stories:mine")).status_code == 302


def test_an_expired_session_signs_nobody_in(author, author_client):
    key = author_client.cookies[settings.SESSION_COOKIE_NAME].value
    MemberSession.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    assert shown_name(author_client) == ""
    assert author_client.get(reverse("stories:mine")).status_code == 302


def test_a_member_made_inactive_is_signed_out_at_their_next_request(author, author_client):
    author.is_active = False
    author.save(update_fields=["is_active"])

    assert shown_name(author_client) == ""


def test_an_unknown_session_key_signs_nobody_in(author, author_client):
    stranger = Client()
    stranger.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32

    assert shown_name(stranger) == ""
