"""My stories keeps each row's markup (stories.my_rows): what the author sees must never lag."""

import pytest
from django.test import Client

from stories.models import Story, StoryRevision
from tests.factories import StoryFactory, StoryRevisionFactory
from tests.pages import hidden_fields, parse

pytestmark = pytest.mark.django_db

MY_STORIES = "/my-stories/"


def row_of(response, title: str):
    for row in parse(response).find_all("li", cls="my-story"):
        if row.find("h2").text.strip() == title:
            return row
    raise AssertionError(f"No row for {title!r}")


def signed_in(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_it_shows_a_status_changed_behind_its_back(author_client, author):
    story = StoryFactory(author=author, title="The bus driver waited")
    assert "Published" in row_of(author_client.get(MY_STORIES), "The bus driver waited").text

    # Straight in the database: no signal or trigger tells the page anything.
    Story.objects.filter(pk=story.pk).update(status=Story.Status.HIDDEN)

    row = row_of(author_client.get(MY_STORIES), "The bus driver waited")
    assert "Hidden while flags are reviewed" in row.text
    assert "Some readers reported this story" in row.text


def test_it_shows_a_new_title_thanks_count_and_note(author_client, author):
    story = StoryFactory(author=author, title="Before", thanks_count=1)
    author_client.get(MY_STORIES)

    Story.objects.filter(pk=story.pk).update(
        title="After", thanks_count=2, moderator_note="Lovely, thank you."
    )

    row = row_of(author_client.get(MY_STORIES), "After")
    assert "thanked 2 times" in row.text
    assert "Lovely, thank you." in row.text


def test_it_shows_an_edit_waiting_and_then_the_request_for_changes(author_client, author):
    story = StoryFactory(author=author, title="The pharmacist")
    assert "An edit is waiting" not in row_of(author_client.get(MY_STORIES), "The pharmacist").text

    edit = StoryRevisionFactory(story=story)
    assert "An edit is waiting" in row_of(author_client.get(MY_STORIES), "The pharmacist").text

    StoryRevision.objects.filter(pk=edit.pk).update(status=StoryRevision.Status.CHANGES_REQUESTED)
    Story.objects.filter(pk=story.pk).update(moderator_note="Leave out the shop's name.")
    row = row_of(author_client.get(MY_STORIES), "The pharmacist")
    assert "An edit is waiting" not in row.text
    assert row.find("form", cls="reply-box") is not None


def test_it_asks_for_no_reply_once_a_later_edit_is_waiting(author_client, author):
    story = StoryFactory(author=author, title="The librarian", moderator_note="Shorter, please.")
    StoryRevisionFactory(story=story, status=StoryRevision.Status.CHANGES_REQUESTED)
    assert row_of(author_client.get(MY_STORIES), "The librarian").find("form", cls="reply-box")

    StoryRevisionFactory(story=story)

    row = row_of(author_client.get(MY_STORIES), "The librarian")
    assert row.find("form", cls="reply-box") is None
    assert "An edit is waiting" in row.text


def test_a_kept_row_carries_each_sessions_own_working_token(author):
    StoryFactory(author=author, title="Withdraw me", status=Story.Status.SUBMITTED)
    first, second = signed_in(author), signed_in(author)
    first_page = first.get(MY_STORIES)

    # The second session gets the row the first one rendered, with its own token in it.
    second_page = second.get(MY_STORIES)
    token = hidden_fields(second_page)["csrfmiddlewaretoken"]
    assert token != hidden_fields(first_page)["csrfmiddlewaretoken"]
    assert "csrf-token" not in second_page.content.decode()

    action = row_of(second_page, "Withdraw me").find("form").attrs["action"]
    response = second.post(action, {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert Story.objects.get(title="Withdraw me").status == Story.Status.WITHDRAWN


def test_it_never_shows_another_members_row(author_client, author, other_client, other_member):
    StoryFactory(author=author, title="The first draft", status=Story.Status.DRAFT)
    StoryFactory(author=other_member, title="The second draft", status=Story.Status.DRAFT)
    author_client.get(MY_STORIES)

    page = other_client.get(MY_STORIES).content.decode()

    assert "The second draft" in page
    assert "The first draft" not in page


def titles(response) -> list[str]:
    return [row.find("h2").text.strip() for row in parse(response).find_all("li", cls="my-story")]


def test_it_pages_newest_first_and_a_page_past_the_end_is_the_last(author_client, author, settings):
    settings.STORIES_PER_PAGE = 2
    for number in range(1, 6):
        StoryFactory(author=author, title=f"Story {number}")

    assert titles(author_client.get(MY_STORIES)) == ["Story 5", "Story 4"]
    second = author_client.get(MY_STORIES + "?page=2")
    assert titles(second) == ["Story 3", "Story 2"]
    assert "Page 2 of 3" in parse(second).find("nav", cls="pagination").text
    assert titles(author_client.get(MY_STORIES + "?page=99")) == ["Story 1"]
    assert titles(author_client.get(MY_STORIES + "?page=nonsense")) == ["Story 5", "Story 4"]


def test_a_member_without_stories_is_invited_to_write_one(author_client):
    response = author_client.get(MY_STORIES + "?page=3")

    assert response.status_code == 200
    assert "You have not written a story yet." in response.content.decode()
