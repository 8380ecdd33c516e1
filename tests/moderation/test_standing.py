"""A moderator's permissions, second factor and badge come from one statement a request
(moderation.standing): it must answer exactly as Django's permission backend and allauth would,
and never carry an answer from one request into the next."""

from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from moderation.queue import waiting_count
from moderation.roles import make_moderator, remove_moderator
from moderation.second_factor import has_second_factor
from moderation.standing import standing
from stories.models import Story
from tests.factories import FlagFactory, ModeratorFactory, StoryFactory, UserFactory

SOME_PERMISSIONS = ["stories.moderate_story", "stories.view_story", "auth.view_group"]


def django_permissions(user) -> set[str]:
    """What ModelBackend reads for this member, on a fresh copy of them."""
    return User.objects.get(pk=user.pk).get_all_permissions()


def test_it_reads_the_permissions_django_would_for_a_moderator(moderator, db):
    fresh = User.objects.get(pk=moderator.pk)

    assert standing(fresh).permissions == django_permissions(moderator)
    assert "stories.moderate_story" in standing(fresh).permissions


def test_it_reads_a_members_own_permissions_and_their_groups(db):
    member = UserFactory()
    member.user_permissions.add(Permission.objects.get(codename="view_group"))
    group = Group.objects.create(name="Helpers")
    group.permissions.add(Permission.objects.get(codename="view_story"))
    member.groups.add(group)
    fresh = User.objects.get(pk=member.pk)

    assert (
        standing(fresh).permissions
        == django_permissions(member)
        == {
            "auth.view_group",
            "stories.view_story",
        }
    )


def test_a_member_without_any_permission_still_gets_the_badge_and_no_factor(db):
    StoryFactory(status=Story.Status.SUBMITTED)
    fresh = User.objects.get(pk=UserFactory().pk)

    held = standing(fresh)

    assert held.permissions == frozenset()
    assert held.has_second_factor is False
    assert held.waiting == waiting_count() == 1


def test_has_perm_answers_from_it_without_asking_again(moderator, db):
    fresh = User.objects.get(pk=moderator.pk)
    standing(fresh)

    with CaptureQueriesContext(connection) as asked:
        allowed = [fresh.has_perm(name) for name in SOME_PERMISSIONS]

    assert allowed == [User.objects.get(pk=moderator.pk).has_perm(n) for n in SOME_PERMISSIONS]
    assert allowed == [True, True, False]
    assert len(asked) == 0


def test_an_inactive_member_has_no_permission(moderator, db):
    User.objects.filter(pk=moderator.pk).update(is_active=False)
    fresh = User.objects.get(pk=moderator.pk)
    standing(fresh)

    assert fresh.has_perm("stories.moderate_story") is False


def test_it_knows_the_second_factor_as_allauth_does(db):
    enrolled = ModeratorFactory()
    newcomer = ModeratorFactory(enrolled=False)

    for person in (enrolled, newcomer):
        fresh = User.objects.get(pk=person.pk)
        assert standing(fresh).has_second_factor is has_second_factor(person)
    assert standing(User.objects.get(pk=enrolled.pk)).has_second_factor is True


def test_recovery_codes_alone_are_no_second_factor(db):
    newcomer = ModeratorFactory(enrolled=False)
    Authenticator.objects.create(
        user=newcomer, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "x"}
    )

    assert standing(User.objects.get(pk=newcomer.pk)).has_second_factor is False


def test_the_badge_counts_up_to_just_past_its_limit(moderator, db):
    StoryFactory.create_batch(2, status=Story.Status.SUBMITTED)
    FlagFactory(story=StoryFactory(author=UserFactory()))

    assert standing(User.objects.get(pk=moderator.pk)).waiting == waiting_count() == 3


def test_a_moderator_removed_loses_the_queue_at_the_next_request(moderator_client, moderator):
    assert moderator_client.get(reverse("moderation:queue")).status_code == 200

    remove_moderator(moderator)

    assert moderator_client.get(reverse("moderation:queue")).status_code == 403


def test_a_member_made_moderator_gets_the_queue_at_the_next_request(other_client, other_member):
    assert other_client.get(reverse("moderation:queue")).status_code == 403
    Authenticator.objects.filter(user=other_member).delete()

    make_moderator(other_member)

    # Staff now, with no second factor yet: the enrolment page, never the queue.
    assert other_client.get(reverse("moderation:queue")).status_code == 403
    assert "Add a second factor" in other_client.get(reverse("moderation:queue")).text


def test_a_moderator_whose_factor_is_removed_is_sent_to_enrol_at_the_next_request(
    moderator_client, moderator
):
    assert moderator_client.get(reverse("moderation:queue")).status_code == 200

    Authenticator.objects.filter(user=moderator).delete()

    response = moderator_client.get(reverse("moderation:queue"))
    assert response.status_code == 403
    assert "Add a second factor" in response.text


def test_the_badge_changes_at_the_next_request(moderator_client, db):
    def badge() -> str:
        page = moderator_client.get(reverse("moderation:flagged")).text
        start = page.find('<span class="badge">')
        return "" if start == -1 else page[start + 20 : page.index("</span>", start)]

    assert badge() == ""
    StoryFactory(status=Story.Status.SUBMITTED)
    assert badge() == "1"
    FlagFactory(story=StoryFactory(author=UserFactory()))
    assert badge() == "2"


def test_a_moderation_page_reads_the_standing_once(moderator_client, db):
    moderator_client.get(reverse("moderation:flagged"))

    with CaptureQueriesContext(connection) as asked:
        moderator_client.get(reverse("moderation:flagged"))

    sql = [query["sql"] for query in asked.captured_queries]
    assert sum("auth_permission" in statement for statement in sql) == 1
    assert sum("mfa_authenticator" in statement for statement in sql) == 1
