"""For staff, the standing (permissions, second factor, badge) is read with the session and the
member in one statement (kindness.signed_in, moderation.standing.session_columns): it must answer
as its own statement does, and nobody else's session statement reads it."""

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from kindness.signed_in import SessionStore
from moderation.standing import standing
from stories.models import Story
from tests.factories import FlagFactory, StoryFactory, UserFactory


def session_of(client) -> SessionStore:
    store = SessionStore(client.cookies["sessionid"].value)
    store.load()
    return store


def statements_of(client, url: str) -> list[str]:
    client.get(url)
    with CaptureQueriesContext(connection) as asked:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in asked.captured_queries]


def test_a_moderators_session_brings_the_standing_its_own_statement_reads(
    moderator_client, moderator
):
    moderator.user_permissions.add(Permission.objects.get(codename="view_group"))
    helpers = Group.objects.create(name="Helpers")
    helpers.permissions.add(Permission.objects.get(codename="change_story"))
    moderator.groups.add(helpers)
    StoryFactory.create_batch(2, status=Story.Status.SUBMITTED)
    FlagFactory(story=StoryFactory(author=UserFactory()))

    held = session_of(moderator_client).joined_member._moderation_standing

    assert held == standing(User.objects.get(pk=moderator.pk))
    assert {"auth.view_group", "stories.change_story", "stories.moderate_story"} <= held.permissions
    assert (held.has_second_factor, held.waiting, held.flagged) == (True, 3, 1)


def test_a_moderation_page_reads_the_standing_with_the_session(moderator_client):
    sql = statements_of(moderator_client, reverse("moderation:queue"))

    [standing_read] = [statement for statement in sql if "auth_permission" in statement]
    assert "kindness_membersession" in standing_read


def test_a_member_without_staff_status_reads_no_standing_with_the_session(other_client):
    assert not hasattr(session_of(other_client).joined_member, "_moderation_standing")

    # Its columns are NULL for a member (the database skips them), and no statement of its own.
    sql = statements_of(other_client, reverse("stories:list"))
    assert all("kindness_membersession" in statement for statement in sql if "auth_" in statement)


def test_staff_status_taken_away_counts_at_the_next_request(moderator_client, moderator):
    assert moderator_client.get(reverse("moderation:queue")).status_code == 200

    User.objects.filter(pk=moderator.pk).update(is_staff=False)
    moderator.groups.clear()

    assert moderator_client.get(reverse("moderation:queue")).status_code == 403
    assert not hasattr(session_of(moderator_client).joined_member, "_moderation_standing")


def test_a_superuser_gets_every_permission_without_a_kept_set(login, db):
    boss = UserFactory(is_staff=True, is_superuser=True)
    client = login(boss)

    member = session_of(client).joined_member

    assert member.has_perm("stories.moderate_story")
    assert not hasattr(member, "_perm_cache")
    assert member._moderation_standing.permissions == frozenset()
