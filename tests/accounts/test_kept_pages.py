"""A member's own pages are kept as frames (kindness.kept_pages): each must equal the page
rendered whole for its member, and never carry anything of another member."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from accounts.models import User
from pledges.services import set_pledge
from stories.caching import PAGE_CACHE
from stories.markup_keys import template_digest
from stories.models import Practice, Story
from tests.factories import StoryFactory
from tests.kept import without_tokens
from tests.pages import parse

pytestmark = pytest.mark.django_db

MY_STORIES = "/my-stories/"
MY_PLEDGES = "/accounts/pledges/"
DATA = "/accounts/my-data/"
DELETE = "/accounts/delete/"
PAGES = [MY_STORIES, MY_PLEDGES, DATA, DELETE]
TEMPLATES = {
    MY_STORIES: "stories/mine.html",
    MY_PLEDGES: "pledges/mine.html",
    DATA: "accounts/data.html",
    DELETE: "accounts/delete.html",
}


@pytest.fixture
def busy_alice(author) -> User:
    """Alice with a story in each state, a published one among them, and two pledges."""
    StoryFactory(author=author, title="Alice's published story")
    StoryFactory(author=author, title="Alice's draft", status=Story.Status.DRAFT)
    StoryFactory(author=author, title="Alice's waiting story", status=Story.Status.SUBMITTED)
    StoryFactory(
        author=author,
        title="Alice's story to change",
        status=Story.Status.CHANGES_REQUESTED,
        moderator_note="Please take out the shop's name.",
    )
    for slug in ("smile-first", "say-thank-you"):
        set_pledge(member=author, practice=Practice.objects.get(slug=slug), trying=True)
    return author


@pytest.mark.parametrize("url", PAGES)
def test_each_page_is_the_page_rendered_whole_for_its_member(
    busy_alice, author_client, rendered_whole, url
):
    kept = author_client.get(url)
    assert kept.status_code == 200
    rendered_whole()
    assert without_tokens(kept) == without_tokens(author_client.get(url))


@pytest.mark.parametrize("url", PAGES)
def test_a_member_with_nothing_yet_gets_the_page_rendered_whole(
    other_member, other_client, rendered_whole, url
):
    kept = other_client.get(url)
    rendered_whole()
    assert without_tokens(kept) == without_tokens(other_client.get(url))


def test_my_pledges_with_reminders_off_is_the_page_rendered_whole(
    busy_alice, author_client, rendered_whole
):
    User.objects.filter(pk=busy_alice.pk).update(pledge_reminders=False)
    kept = author_client.get(MY_PLEDGES)
    assert "you turned these emails off" in kept.content.decode()
    rendered_whole()
    assert without_tokens(kept) == without_tokens(author_client.get(MY_PLEDGES))


def test_the_delete_form_with_errors_is_the_page_rendered_whole(
    busy_alice, author_client, rendered_whole
):
    wrong = {"stories": "keep", "password": "not the password"}
    kept = author_client.post(DELETE, wrong)
    page = parse(kept)
    assert "That password is not right" in page.text
    assert page.find("input", value="keep").attrs.get("checked") is not None
    assert page.find("input", name="password").attrs.get("value") is None
    rendered_whole()
    assert without_tokens(kept) == without_tokens(author_client.post(DELETE, wrong))


def test_my_stories_page_two_is_the_page_rendered_whole(author, author_client, rendered_whole):
    StoryFactory.create_batch(25, author=author)
    assert 'rel="prev"' not in author_client.get(MY_STORIES).content.decode()
    kept = author_client.get(f"{MY_STORIES}?page=2")
    assert 'rel="prev"' in kept.content.decode()
    assert len(parse(kept).find("ul", cls="my-stories").find_all("li", cls="my-story")) == 5
    rendered_whole()
    assert without_tokens(kept) == without_tokens(author_client.get(f"{MY_STORIES}?page=2"))


@pytest.mark.parametrize("url", PAGES)
def test_a_member_never_sees_what_another_member_left_in_a_kept_page(
    busy_alice, author_client, other_member, other_client, url
):
    assert "Alice" in parse(author_client.get(url)).find("summary").text

    page = parse(other_client.get(url))

    assert page.find("summary").text == "Bob"
    assert "Alice" not in page.text
    assert "you have 1 published" not in page.text


@pytest.mark.parametrize("url", PAGES)
def test_the_kept_frame_holds_nothing_of_the_member_it_was_built_for(
    busy_alice, author_client, url
):
    author_client.get(url)
    frame = caches[PAGE_CACHE].get(f"kept-page:{template_digest(TEMPLATES[url])}:{url}")

    text = "".join(frame[::2])
    assert "Alice" not in text
    assert busy_alice.email not in text
    # Every token field's value is the slot each request fills.
    fields = "".join(
        piece for piece in frame[::2] if piece.endswith('csrfmiddlewaretoken" value="')
    )
    assert (
        text.count("csrfmiddlewaretoken")
        == frame[1::2].count("csrf_token")
        == fields.count("csrfmiddlewaretoken")
    )


@pytest.mark.parametrize("url", PAGES)
def test_every_form_on_a_kept_page_carries_the_members_working_token(busy_alice, url):
    client = Client(enforce_csrf_checks=True)
    client.force_login(busy_alice)
    page = parse(client.get(url))
    tokens = {field.attrs["value"] for field in page.find_all("input", name="csrfmiddlewaretoken")}

    # One masked token a request: the log-out form's and the page's own forms' alike.
    [token] = tokens
    answered = client.post(DELETE, {"csrfmiddlewaretoken": token, "password": "wrong"})
    assert answered.status_code == 200
    assert "That password is not right" in parse(answered).text


def test_a_message_left_by_the_last_request_shows_on_the_kept_page(busy_alice, author_client):
    author_client.get(MY_PLEDGES)  # the frame is kept
    pledge = busy_alice.pledges.first()

    answered = author_client.post(f"/accounts/pledges/{pledge.pk}/cancel/", follow=True)

    assert "is cancelled" in parse(answered).find("div", cls="messages").text


def test_a_story_published_since_the_last_visit_counts_at_once(busy_alice, author_client):
    assert "(you have 1 published)" in parse(author_client.get(DELETE)).text

    Story.objects.filter(author=busy_alice, status=Story.Status.SUBMITTED).update(
        status=Story.Status.PUBLISHED, published_at=timezone.now()
    )

    assert "(you have 2 published)" in parse(author_client.get(DELETE)).text
