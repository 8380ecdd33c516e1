"""The session and its member read by one statement (kindness.signed_in, kindness.models).

The member's id kept beside the session lets one query read both; the signed session data stays
the authority on who is signed in.
"""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from kindness.models import MemberSession
from tests.pages import parse

pytestmark = pytest.mark.django_db

copy_live_sessions = import_module("kindness.migrations.0001_member_sessions").copy_live_sessions


def shown_name(client: Client) -> str:
    summary = parse(client.get(reverse("stories:list"))).find("summary")
    return summary.text.strip() if summary else ""


def session_of(client: Client) -> MemberSession:
    return MemberSession.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_it_keeps_the_members_id_beside_the_session(author, author_client):
    assert session_of(author_client).member_id == author.pk


def test_it_reads_the_session_and_the_member_in_one_query(author, author_client):
    author_client.get(reverse("stories:mine"))
    with CaptureQueriesContext(connection) as captured:
        author_client.get(reverse("stories:mine"))

    session_reads = [query for query in captured if "kindness_membersession" in query["sql"]]
    member_reads = [query for query in captured if '"accounts_user"' in query["sql"]]
    assert len(session_reads) == 1
    assert member_reads == session_reads


def test_a_session_signs_in_the_member_its_data_names_whatever_its_column_says(
    author, other_member, author_client
):
    MemberSession.objects.filter(pk=session_of(author_client).pk).update(member=other_member)

    assert shown_name(author_client) == author.public_name


def test_a_deleted_members_session_signs_nobody_in(author, author_client):
    User.objects.filter(pk=author.pk).delete()

    assert shown_name(author_client) == ""
    assert author_client.get(reverse("stories:mine")).status_code == 302


def test_a_visitors_session_keeps_no_member(visitor):
    visitor.get(reverse("account_login"))
    session = visitor.session
    session["seen"] = True
    session.save()

    assert MemberSession.objects.get(pk=session.session_key).member_id is None


def test_logging_in_and_out_follows_in_the_column(author, visitor):
    visitor.force_login(author)
    key = visitor.cookies[settings.SESSION_COOKIE_NAME].value
    assert MemberSession.objects.get(pk=key).member_id == author.pk

    visitor.post(reverse("account_logout"))

    assert not MemberSession.objects.filter(pk=key).exists()


def test_the_migration_carries_live_sessions_over_signed_in(author):
    old = DjangoSessionStore()
    old["_auth_user_id"] = str(author.pk)
    old["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[0]
    old["_auth_user_hash"] = author.get_session_auth_hash()
    old.create()
    assert Session.objects.filter(pk=old.session_key).exists()

    copy_live_sessions(apps, SimpleNamespace(connection=connection))

    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = old.session_key
    assert MemberSession.objects.get(pk=old.session_key).member_id == author.pk
    assert shown_name(client) == author.public_name
