"""My pledges: the member's own pledges, each with its reminder and story, and Cancel."""

import pytest
from django.utils import timezone

from accounts.deletion import delete_account
from pledges.models import Pledge
from pledges.services import pledges_for_export
from stories.models import Practice, Story
from tests.factories import StoryFactory, UserFactory
from tests.pages import parse
from tests.stories.helpers import page_text

pytestmark = pytest.mark.django_db

MY_PLEDGES = "/accounts/pledges/"


def cancel_url(pledge: Pledge) -> str:
    return f"/accounts/pledges/{pledge.pk}/cancel/"


def test_it_lists_the_members_pledges_with_their_story(author_client, author, pledge_of):
    first = pledge_of(author)
    StoryFactory(author=author, pledge=first, title="She smiled back")
    pledge_of(author, on=Practice.objects.get(slug="say-thank-you"))
    pledge_of(UserFactory())  # someone else's

    page = parse(author_client.get(MY_PLEDGES))

    items = page.find("ul", cls="pledge-list").find_all("li")
    assert [item.find("h2").text for item in items] == ["Say thank you", "Smile first"]
    assert "Your story from it: She smiled back" in items[1].text
    assert "Tell how it went" in items[0].text
    assert "We will ask how it went around" in items[0].text


def test_it_says_when_the_reminder_went(author_client, author, pledge_of):
    pledge = pledge_of(author)
    Pledge.objects.filter(pk=pledge.pk).update(reminded_at=pledge.remind_at)

    assert "We asked how it went on" in page_text(author_client.get(MY_PLEDGES))


def test_the_settings_menu_links_to_it(author_client):
    nav = parse(author_client.get("/accounts/profile/")).find("nav", cls="settings-nav")

    assert "/accounts/pledges/" in [link.attrs["href"] for link in nav.find_all("a")]


def test_a_member_cancels_their_pledge(author_client, author, pledge_of):
    pledge = pledge_of(author)

    response = author_client.post(cancel_url(pledge), follow=True)

    assert "Your pledge to try “Smile first” is cancelled." in page_text(response)
    assert "You have no pledges." in page_text(response)
    pledge.refresh_from_db()
    assert pledge.cancelled_at is not None


def test_another_member_cannot_cancel_it(other_client, author, pledge_of):
    pledge = pledge_of(author)

    response = other_client.post(cancel_url(pledge))

    assert response.status_code == 404
    pledge.refresh_from_db()
    assert pledge.cancelled_at is None


def test_cancelling_twice_says_it_was_already_cancelled(author_client, author, pledge_of):
    pledge = pledge_of(author)
    author_client.post(cancel_url(pledge))

    response = author_client.post(cancel_url(pledge), follow=True)

    assert "That pledge was already cancelled." in page_text(response)


def test_a_visitor_is_asked_to_sign_in(visitor):
    response = visitor.get(MY_PLEDGES)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_cancel_takes_only_a_post(author_client, author, pledge_of):
    assert author_client.get(cancel_url(pledge_of(author))).status_code == 405


def test_the_profile_turns_reminders_off_and_on(author_client, author):
    author_client.post("/accounts/profile/", {"display_name": "Alice"})
    author.refresh_from_db()
    assert author.pledge_reminders is False

    author_client.post("/accounts/profile/", {"display_name": "Alice", "pledge_reminders": "on"})
    author.refresh_from_db()
    assert author.pledge_reminders is True


def test_account_deletion_removes_the_pledges_and_keeps_nothing_linked(author, pledge_of):
    pledge_of(author)

    delete_account(user=author, keep_stories=False)

    assert not Pledge.objects.exists()


def test_the_export_lists_every_pledge_with_its_story(author, practice, pledge_of):
    pledge = pledge_of(author)
    story = StoryFactory(author=author, pledge=pledge)
    pledge_of(UserFactory())

    [exported] = pledges_for_export(author)

    assert exported["practice"] == "Smile first"
    assert exported["practice_slug"] == "smile-first"
    assert exported["stories"] == [story.pk]
    assert exported["cancelled_at"] is None
    assert exported["reminded_at"] is None
    assert exported["created_at"] == pledge.created_at.isoformat()


@pytest.mark.parametrize("count", [2, 8])
def test_my_pledges_runs_a_fixed_number_of_queries(
    author_client, author, count, django_assert_num_queries
):
    for practice in Practice.objects.all()[:count]:
        pledge = Pledge.objects.create(member=author, practice=practice, remind_at=timezone.now())
        StoryFactory(author=author, pledge=pledge, status=Story.Status.DRAFT)
    author_client.get(MY_PLEDGES)

    # The session with its user, and one statement for the pledges with their practices and
    # stories.
    with django_assert_num_queries(2):
        assert author_client.get(MY_PLEDGES).status_code == 200
