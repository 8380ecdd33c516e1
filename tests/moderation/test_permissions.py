"""Who may moderate: every page and action, the nav's count, the admin, and gaining the role.

Visitors are sent to log in, members are refused, moderators get in.
"""

import pytest
from django.urls import reverse

from moderation import decisions
from moderation.models import Decision, Flag
from moderation.roles import make_moderator, remove_moderator
from tests.factories import (
    FlagFactory,
    StoryFactory,
    StoryRevisionFactory,
    UserFactory,
    enrol_second_factor,
)
from tests.moderation.helpers import text


@pytest.fixture
def targets(waiting_story, published_story, moderator):
    """One of everything a moderation URL points at: a story, a pending edit, a flagged story."""
    revision = StoryRevisionFactory(story=published_story, title="Thank you again, Dana")
    flagged_story = StoryFactory(title="A story somebody doubts")
    FlagFactory(story=flagged_story)
    return {"story": waiting_story, "revision": revision, "flagged": flagged_story}


PAGES = {
    "queue": lambda t: reverse("moderation:queue"),
    "review": lambda t: reverse("moderation:review", kwargs={"pk": t["story"].pk}),
    "review_edit": lambda t: reverse("moderation:review_edit", kwargs={"pk": t["revision"].pk}),
    "flagged": lambda t: reverse("moderation:flagged"),
    "review_flags": lambda t: reverse("moderation:review_flags", kwargs={"pk": t["flagged"].pk}),
}
ACTIONS = {
    "decide": lambda t: reverse("moderation:decide", kwargs={"pk": t["story"].pk}),
    "decide_edit": lambda t: reverse("moderation:decide_edit", kwargs={"pk": t["revision"].pk}),
    "resolve": lambda t: reverse("moderation:resolve", kwargs={"pk": t["flagged"].pk}),
}
EVERY_URL = {**PAGES, **ACTIONS}


@pytest.mark.parametrize("name", EVERY_URL)
@pytest.mark.parametrize("method", ["get", "post"])
def test_it_sends_a_visitor_to_log_in(visitor, targets, name, method):
    url = EVERY_URL[name](targets)

    response = getattr(visitor, method)(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("name", EVERY_URL)
@pytest.mark.parametrize("method", ["get", "post"])
def test_it_refuses_a_member_who_is_not_a_moderator(other_client, targets, name, method):
    response = getattr(other_client, method)(EVERY_URL[name](targets))

    assert response.status_code == 403


def test_a_member_posting_a_decision_changes_nothing(other_client, targets):
    story = targets["story"]

    other_client.post(
        ACTIONS["decide"](targets),
        {"action": "approve", "title": story.title, "body": story.body},
    )

    story.refresh_from_db()
    assert story.status == story.Status.SUBMITTED
    assert not Decision.objects.exists()


@pytest.mark.parametrize("name", PAGES)
def test_it_opens_every_page_to_a_moderator(moderator_client, targets, name):
    response = moderator_client.get(PAGES[name](targets))

    assert response.status_code == 200
    assert "Moderators only" in text(response)
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("name", ACTIONS)
def test_it_takes_no_action_on_a_get(moderator_client, targets, name):
    response = moderator_client.get(ACTIONS[name](targets))

    assert response.status_code == 405
    assert not Decision.objects.exists()
    assert Flag.objects.open().count() == 1


def test_a_moderator_gets_a_404_for_a_story_that_does_not_exist(moderator_client, db):
    response = moderator_client.get(reverse("moderation:review", kwargs={"pk": 987654}))

    assert response.status_code == 404


@pytest.mark.parametrize("who", ["visitor", "other_client", "moderator_client"])
def test_the_statistics_are_public(request, db, who):
    client = request.getfixturevalue(who)

    response = client.get(reverse("moderation:stats"))

    assert response.status_code == 200
    assert "How moderation is going" in text(response)


def test_the_nav_shows_moderators_how_many_items_are_waiting(moderator_client, targets):
    response = moderator_client.get(reverse("stories:list"))

    page = text(response)
    assert f'href="{reverse("moderation:queue")}">Moderation' in page
    # A new story, a pending edit and a story with an open flag.
    assert '<span class="badge">3</span><span class="visually-hidden"> waiting</span>' in page


@pytest.mark.parametrize("who", ["visitor", "other_client", "author_client"])
def test_the_nav_shows_no_moderation_link_to_anyone_else(request, targets, who):
    client = request.getfixturevalue(who)

    page = text(client.get(reverse("stories:list")))

    assert f'href="{reverse("moderation:queue")}"' not in page
    assert "waiting</span>" not in page
    assert ">Moderation" not in page


def test_a_member_made_moderator_gains_the_queue_and_loses_it_again(login, other_member, db):
    make_moderator(other_member)
    enrol_second_factor(other_member)
    assert login(other_member).get(reverse("moderation:queue")).status_code == 200

    remove_moderator(other_member)
    assert login(other_member).get(reverse("moderation:queue")).status_code == 403


class TestAdmin:
    def test_a_moderator_can_browse_stories_and_decisions(
        self, moderator_client, moderator, waiting_story
    ):
        decisions.decide_story(story=waiting_story, moderator=moderator, action="approve")

        stories = moderator_client.get(reverse("admin:stories_story_changelist"))
        history = moderator_client.get(reverse("admin:moderation_decision_changelist"))

        assert stories.status_code == 200
        assert waiting_story.title in text(stories)
        assert history.status_code == 200
        assert waiting_story.title in text(history)

    def test_the_admin_home_leads_a_moderator_to_the_history_and_the_flags(self, moderator_client):
        page = text(moderator_client.get(reverse("admin:index")))

        assert reverse("admin:stories_story_changelist") in page
        assert reverse("admin:moderation_decision_changelist") in page
        assert reverse("admin:moderation_flag_changelist") in page

    def test_a_member_cannot_open_the_admin(self, other_client, db):
        response = other_client.get(reverse("admin:moderation_decision_changelist"))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))

    def test_staff_without_the_moderator_role_cannot_read_decisions(self, login, db):
        staff = UserFactory(is_staff=True)
        enrol_second_factor(staff)

        response = login(staff).get(reverse("admin:moderation_decision_changelist"))

        assert response.status_code == 403

    def test_a_decision_cannot_be_changed_in_the_admin(
        self, moderator_client, moderator, waiting_story
    ):
        decision = decisions.decide_story(
            story=waiting_story, moderator=moderator, action="reject", reason="spam"
        )
        url = reverse("admin:moderation_decision_change", args=[decision.pk])

        page = moderator_client.get(url)
        response = moderator_client.post(url, {"note": "rewritten", "action": "approve"})

        assert page.status_code == 200
        assert 'name="_save"' not in text(page)
        assert response.status_code == 403
        assert Decision.objects.get().action == "reject"

    def test_a_decision_cannot_be_deleted_in_the_admin(
        self, moderator_client, moderator, waiting_story
    ):
        decision = decisions.decide_story(
            story=waiting_story, moderator=moderator, action="approve"
        )
        url = reverse("admin:moderation_decision_delete", args=[decision.pk])

        assert moderator_client.get(url).status_code == 403
        assert moderator_client.post(url, {"post": "yes"}).status_code == 403
        assert Decision.objects.count() == 1

    def test_a_decision_cannot_be_added_in_the_admin(self, moderator_client, db):
        url = reverse("admin:moderation_decision_add")

        assert moderator_client.get(url).status_code == 403
        assert moderator_client.post(url, {"story_title": "Made up"}).status_code == 403
        assert not Decision.objects.exists()
