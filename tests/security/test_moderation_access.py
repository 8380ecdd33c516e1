"""Moderation is for moderators: members refused, visitors sent to log in, GETs change nothing."""

import pytest
from django.urls import reverse

from moderation.models import Decision, Flag
from stories.models import Story, StoryRevision
from tests.factories import (
    FlagFactory,
    StoryFactory,
    StoryRevisionFactory,
    UserFactory,
    enrol_second_factor,
)

NOT_OPEN = "This page is not open to you"


@pytest.fixture
def pending(author, other_member):
    """A story waiting for review, a pending edit of a live story, and a flagged live story."""
    waiting = StoryFactory(author=author, status=Story.Status.SUBMITTED, title="Waiting")
    live = StoryFactory(author=author, title="Live")
    revision = StoryRevisionFactory(story=live, title="Live, edited")
    flagged = StoryFactory(author=author, title="Flagged")
    FlagFactory(story=flagged, member=other_member)
    return {"waiting": waiting, "live": live, "revision": revision, "flagged": flagged}


def decision_posts(pending) -> dict[str, tuple[str, dict]]:
    waiting, revision, flagged = pending["waiting"], pending["revision"], pending["flagged"]
    return {
        "decide": (
            reverse("moderation:decide", kwargs={"pk": waiting.pk}),
            {
                "action": "approve",
                "title": waiting.title,
                "body": waiting.body,
                "submitted_at": waiting.submitted_at.isoformat(),
            },
        ),
        "decide_edit": (
            reverse("moderation:decide_edit", kwargs={"pk": revision.pk}),
            {"action": "approve_edit", "updated_at": revision.updated_at.isoformat()},
        ),
        "resolve": (
            reverse("moderation:resolve", kwargs={"pk": flagged.pk}),
            {"outcome": "unpublish", "reason": "spam", "note": ""},
        ),
    }


def assert_nothing_decided(pending) -> None:
    assert not Decision.objects.exists()
    assert Story.objects.get(pk=pending["waiting"].pk).status == Story.Status.SUBMITTED
    assert Story.objects.get(pk=pending["live"].pk).title == "Live"
    assert StoryRevision.objects.get().status == StoryRevision.Status.PENDING
    assert Story.objects.get(pk=pending["flagged"].pk).status == Story.Status.PUBLISHED
    assert Flag.objects.open().count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["decide", "decide_edit", "resolve"])
def test_a_member_posting_a_decision_is_refused_and_nothing_changes(other_client, pending, action):
    url, data = decision_posts(pending)[action]

    response = other_client.post(url, data)

    assert response.status_code == 403
    assert NOT_OPEN in response.content.decode()
    assert_nothing_decided(pending)


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["decide", "decide_edit", "resolve"])
def test_the_author_cannot_decide_on_their_own_story(author_client, pending, action):
    url, data = decision_posts(pending)[action]

    response = author_client.post(url, data)

    assert response.status_code == 403
    assert_nothing_decided(pending)


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["decide", "decide_edit", "resolve"])
def test_a_visitor_posting_a_decision_is_sent_to_log_in(visitor, pending, action):
    url, data = decision_posts(pending)[action]

    response = visitor.post(url, data)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{reverse('account_login')}?next=")
    assert_nothing_decided(pending)


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["decide", "decide_edit", "resolve"])
def test_a_get_on_a_decision_address_is_refused_even_for_a_moderator(
    moderator_client, pending, action
):
    url, data = decision_posts(pending)[action]

    response = moderator_client.get(url, data)

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert_nothing_decided(pending)


@pytest.mark.django_db
def test_a_member_cannot_read_the_moderation_pages(other_client, pending):
    urls = [
        reverse("moderation:queue"),
        reverse("moderation:review", kwargs={"pk": pending["waiting"].pk}),
        reverse("moderation:review_edit", kwargs={"pk": pending["revision"].pk}),
        reverse("moderation:flagged"),
        reverse("moderation:review_flags", kwargs={"pk": pending["flagged"].pk}),
    ]
    for url in urls:
        response = other_client.get(url)
        assert response.status_code == 403, url
        content = response.content.decode()
        assert "Waiting" not in content
        assert "Live, edited" not in content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/admin/", "/admin/stories/story/", "/admin/moderation/decision/", "/admin/accounts/user/"],
)
def test_a_member_who_is_not_staff_is_sent_to_the_admin_login(other_client, pending, url):
    response = other_client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    assert "Waiting" not in response.content.decode()


@pytest.mark.django_db
def test_staff_without_the_moderator_role_cannot_list_stories_in_the_admin(login, pending):
    staff = UserFactory(is_staff=True)
    enrol_second_factor(staff)

    response = login(staff).get("/admin/stories/story/")

    assert response.status_code == 403
    assert "Waiting" not in response.content.decode()


@pytest.mark.django_db
def test_a_member_cannot_approve_through_an_admin_action(other_client, pending):
    response = other_client.post(
        "/admin/stories/story/",
        {"action": "approve_selected", "_selected_action": [pending["waiting"].pk]},
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    assert_nothing_decided(pending)
