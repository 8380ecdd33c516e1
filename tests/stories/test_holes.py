"""Members share the page rendered for visitors, and never see each other's bits in it.

The per-member parts of a reader page (stories.holes) are filled for each request: the name in
the header, the CSRF tokens of its forms, the member's own thanks, messages, the moderators' link.
"""

import pickle

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stories.caching import SharedPage
from stories.thanks import toggle_thanks
from tests.factories import StoryFactory, UserFactory
from tests.pages import hidden_fields, parse
from tests.stories.helpers import reads_local_memory_caches

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(author):
    return StoryFactory(author=author, title="The night porter and the tea", tags=["tea"])


@pytest.fixture
def carol(db):
    return UserFactory(display_name="Carol")


def signed_in(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def reader_urls(story) -> list[str]:
    return [
        reverse("home"),
        reverse("stories:list"),
        reverse("stories:list") + "?tag=tea",
        story.get_absolute_url(),
        reverse("stories:practice", kwargs={"slug": "ask-how-are-you"}),
        reverse("stories:member", kwargs={"pk": story.author_id}),
        reverse("stories:search") + "?q=porter",
    ]


def menu_name(response) -> str:
    return parse(response).find("summary").text.strip()


def tokens(response) -> set[str]:
    page = parse(response)
    return {
        field.attrs["value"]
        for field in page.find_all("input", type="hidden")
        if field.attrs.get("name") == "csrfmiddlewaretoken"
    }


def shared_pages() -> list[str]:
    kept = [pickle.loads(value) for value in caches["pages"]._cache.values()]
    return [page.content for page in kept if isinstance(page, SharedPage)]


@reads_local_memory_caches
def test_each_member_sees_their_own_name_and_tokens_on_a_page_another_member_filled(
    story, other_member, carol
):
    bob, carol_client = signed_in(other_member), signed_in(carol)
    for url in reader_urls(story):
        first = bob.get(url)
        second = carol_client.get(url)
        assert first.status_code == second.status_code == 200, url
        assert menu_name(first) == "Bob", url
        assert menu_name(second) == "Carol", url
        assert "Bob" not in second.content.decode(), url
        assert tokens(first) and tokens(second), url
        assert not tokens(first) & tokens(second), url
    assert shared_pages(), "the members were served from the shared pages"


@reads_local_memory_caches
def test_the_shared_pages_hold_no_token_and_no_member(story, other_member, moderator):
    for client in (signed_in(other_member), signed_in(moderator)):
        for url in reader_urls(story):
            client.get(url)
    for page in shared_pages():
        assert "csrfmiddlewaretoken" not in page
        assert "Bob" not in page and "<summary>Mo</summary>" not in page
        assert "Thanked" not in page and "Log out" not in page


def test_a_member_posts_with_the_token_filled_in_for_them(story, other_member, carol):
    bob, carol_client = signed_in(other_member), signed_in(carol)
    bob.get(story.get_absolute_url())
    page = carol_client.get(story.get_absolute_url())
    thank_form = parse(page).find("form", action=reverse("stories:thank", kwargs={"pk": story.pk}))
    token = thank_form.find("input", type="hidden").attrs["value"]

    response = carol_client.post(
        reverse("stories:thank", kwargs={"pk": story.pk}), {"csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert (
        bob.post(
            reverse("stories:thank", kwargs={"pk": story.pk}), {"csrfmiddlewaretoken": token}
        ).status_code
        == 403
    ), "the token is Carol's, not Bob's"


def test_each_member_sees_their_own_thanks_and_the_fresh_count(story, other_member, carol):
    bob, carol_client = signed_in(other_member), signed_in(carol)
    carol_client.get(story.get_absolute_url())  # the shared page is rendered before Bob thanks
    toggle_thanks(story=story, member=other_member)

    bobs = bob.get(story.get_absolute_url()).content.decode()
    carols = carol_client.get(story.get_absolute_url()).content.decode()

    assert "Thanked ✓ (take back)" in bobs
    assert "Thanked ✓" not in carols and "Thank the storyteller" in carols
    assert "<strong>1</strong> thank</p>" in bobs and "<strong>1</strong> thank</p>" in carols


def test_a_message_reaches_only_the_member_it_is_for(story, other_member, carol):
    bob, carol_client = Client(), Client()
    bob.force_login(other_member)
    carol_client.force_login(carol)
    carol_client.get(story.get_absolute_url())

    thanked = bob.post(reverse("stories:thank", kwargs={"pk": story.pk}), follow=True)
    after = carol_client.get(story.get_absolute_url())

    assert "Thank you sent" in thanked.content.decode()
    assert "Thank you sent" not in after.content.decode()
    assert "Thank you sent" not in bob.get(story.get_absolute_url()).content.decode()


def test_the_moderators_link_is_only_in_a_moderators_page(story, moderator, other_member):
    queue = reverse("moderation:queue")
    moderators = signed_in(moderator).get(reverse("stories:list")).content.decode()
    members = signed_in(other_member).get(reverse("stories:list")).content.decode()
    visitors = Client().get(reverse("stories:list")).content.decode()

    assert f'href="{queue}"' in moderators
    assert f'href="{queue}"' not in members and f'href="{queue}"' not in visitors


def test_the_author_still_sees_their_own_story_waiting_for_review(author, other_member):
    waiting = StoryFactory(author=author, status="submitted", title="Waiting at the desk")
    StoryFactory(author=author, title="Published next door")

    assert signed_in(author).get(waiting.get_absolute_url()).status_code == 200
    assert signed_in(other_member).get(waiting.get_absolute_url()).status_code == 404
    assert Client().get(waiting.get_absolute_url()).status_code == 404


def test_a_members_second_visit_reads_only_the_session_the_member_and_the_version(
    story, other_member
):
    bob = signed_in(other_member)
    bob.get(reverse("stories:list"))
    with CaptureQueriesContext(connection) as captured:
        response = bob.get(reverse("stories:list"))
    assert story.title in response.content.decode()
    # The session, the member and the version in one query (kindness.signed_in).
    assert len(captured) == 1
    assert "stories_contentversion" in captured[0]["sql"]


def test_pages_outside_the_reader_pages_fill_their_holes_in_place(other_member):
    bob = signed_in(other_member)
    page = bob.get(reverse("stories:mine"))
    assert menu_name(page) == "Bob"
    assert hidden_fields(page)["csrfmiddlewaretoken"]
    assert "<!--hole:" not in page.content.decode()
