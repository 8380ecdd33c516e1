"""Every form that changes something refuses a POST without the CSRF token, and changes nothing.

A page on another site can make a signed-in member's browser send any of these forms; only the
token, which that page cannot read, tells the real form apart.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from accounts.models import User
from moderation.models import Decision, Flag
from stories.models import Story, StoryRevision, Thanks
from tests.factories import PASSWORD, FlagFactory, StoryFactory, StoryRevisionFactory
from tests.stories.helpers import story_data

CSRF_REFUSED = "CSRF verification failed. Request aborted."


@dataclass
class Forgery:
    """A forged POST: who is signed in, where it goes, what it sends, and what must not change."""

    user: User
    url: str
    data: dict
    unchanged: Callable[[], bool]


@pytest.fixture
def people(author, other_member, moderator):
    return {"author": author, "other": other_member, "moderator": moderator}


def _share(p) -> Forgery:
    return Forgery(
        p["author"], reverse("stories:share"), story_data(), lambda: not Story.objects.exists()
    )


def _edit(p) -> Forgery:
    draft = StoryFactory(author=p["author"], status=Story.Status.DRAFT, title="My draft")
    return Forgery(
        p["author"],
        reverse("stories:edit", kwargs={"pk": draft.pk}),
        story_data(title="Forged title"),
        lambda: Story.objects.get(pk=draft.pk).title == "My draft",
    )


def _withdraw(p) -> Forgery:
    story = StoryFactory(author=p["author"])
    return Forgery(
        p["author"],
        reverse("stories:withdraw", kwargs={"pk": story.pk}),
        {},
        lambda: Story.objects.get(pk=story.pk).status == Story.Status.PUBLISHED,
    )


def _delete(p) -> Forgery:
    draft = StoryFactory(author=p["author"], status=Story.Status.DRAFT)
    return Forgery(
        p["author"],
        reverse("stories:delete", kwargs={"pk": draft.pk}),
        {},
        lambda: Story.objects.filter(pk=draft.pk).exists(),
    )


def _thank(p) -> Forgery:
    story = StoryFactory(author=p["author"])
    return Forgery(
        p["other"],
        reverse("stories:thank", kwargs={"pk": story.pk}),
        {},
        lambda: not Thanks.objects.exists() and Story.objects.get().thanks_count == 0,
    )


def _flag(p) -> Forgery:
    story = StoryFactory(author=p["author"])
    return Forgery(
        p["other"],
        reverse("flags:create", kwargs={"pk": story.pk}),
        {"reason": "spam", "note": ""},
        lambda: not Flag.objects.exists(),
    )


def _decide(p) -> Forgery:
    story = StoryFactory(author=p["author"], status=Story.Status.SUBMITTED)
    return Forgery(
        p["moderator"],
        reverse("moderation:decide", kwargs={"pk": story.pk}),
        {
            "action": "approve",
            "title": story.title,
            "body": story.body,
            "submitted_at": story.submitted_at.isoformat(),
        },
        lambda: (
            Story.objects.get().status == Story.Status.SUBMITTED and not Decision.objects.exists()
        ),
    )


def _decide_edit(p) -> Forgery:
    story = StoryFactory(author=p["author"], title="The original")
    revision = StoryRevisionFactory(story=story, title="The edit")
    return Forgery(
        p["moderator"],
        reverse("moderation:decide_edit", kwargs={"pk": revision.pk}),
        {"action": "approve_edit", "updated_at": revision.updated_at.isoformat()},
        lambda: (
            StoryRevision.objects.get().status == StoryRevision.Status.PENDING
            and Story.objects.get().title == "The original"
        ),
    )


def _resolve(p) -> Forgery:
    story = StoryFactory(author=p["author"])
    FlagFactory(story=story, member=p["other"])
    return Forgery(
        p["moderator"],
        reverse("moderation:resolve", kwargs={"pk": story.pk}),
        {"outcome": "unpublish", "reason": "spam", "note": ""},
        lambda: (
            Story.objects.get().status == Story.Status.PUBLISHED
            and Flag.objects.open().count() == 1
        ),
    )


def _profile(p) -> Forgery:
    return Forgery(
        p["author"],
        reverse("accounts:profile"),
        {"display_name": "Forged"},
        lambda: User.objects.get(pk=p["author"].pk).display_name == "Alice",
    )


def _delete_account(p) -> Forgery:
    return Forgery(
        p["author"],
        reverse("accounts:delete"),
        {"stories": "delete", "password": PASSWORD},
        lambda: User.objects.filter(pk=p["author"].pk).exists(),
    )


def _logout(p) -> Forgery:
    return Forgery(p["author"], reverse("account_logout"), {}, lambda: True)


def _add_email(p) -> Forgery:
    return Forgery(
        p["author"],
        reverse("account_email"),
        {"action_add": "", "email": "attacker@evil.example"},
        lambda: not EmailAddress.objects.filter(email="attacker@evil.example").exists(),
    )


def _change_password(p) -> Forgery:
    return Forgery(
        p["author"],
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "owned-by-attacker-99",
            "password2": "owned-by-attacker-99",
        },
        lambda: User.objects.get(pk=p["author"].pk).check_password(PASSWORD),
    )


FORGERIES = {
    "stories:share": _share,
    "stories:edit": _edit,
    "stories:withdraw": _withdraw,
    "stories:delete": _delete,
    "stories:thank": _thank,
    "flags:create": _flag,
    "moderation:decide": _decide,
    "moderation:decide_edit": _decide_edit,
    "moderation:resolve": _resolve,
    "accounts:profile": _profile,
    "accounts:delete": _delete_account,
    "account_logout": _logout,
    "account_email": _add_email,
    "account_change_password": _change_password,
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", FORGERIES)
def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(people, name):
    forgery = FORGERIES[name](people)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(forgery.user)

    response = browser.post(forgery.url, forgery.data)

    assert response.status_code == 403
    assert CSRF_REFUSED in response.content.decode()
    assert forgery.unchanged()
    # The member is still signed in: even the logout form cannot be forged.
    assert browser.session.get("_auth_user_id") == str(forgery.user.pk)


@pytest.mark.django_db
def test_a_token_from_another_session_is_refused_too(author, other_member):
    attacker = Client(enforce_csrf_checks=True)
    attacker.force_login(other_member)
    attacker.get(reverse("accounts:profile"))
    stolen = attacker.cookies["csrftoken"].value
    victim = Client(enforce_csrf_checks=True)
    victim.force_login(author)

    response = victim.post(
        reverse("accounts:profile"), {"display_name": "Forged", "csrfmiddlewaretoken": stolen}
    )

    assert response.status_code == 403
    author.refresh_from_db()
    assert author.display_name == "Alice"
