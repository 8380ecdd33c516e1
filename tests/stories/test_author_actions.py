"""My stories offers only what the author may do, confirms a deletion, and says what is true."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from moderation.decisions import flag_story
from moderation.models import FlagReason
from stories.models import Story
from tests.factories import StoryFactory
from tests.moderation.helpers import messages_shown

pytestmark = pytest.mark.django_db

MINE = reverse("stories:mine")


def url(name: str, story: Story) -> str:
    return reverse(f"stories:{name}", kwargs={"pk": story.pk})


@pytest.fixture
def hidden_story(settings, author, other_member, published_story) -> Story:
    """Alice's published story, hidden by a reader's flag (one is enough here)."""
    settings.FLAGS_TO_HIDE = 1
    _, hidden = flag_story(story=published_story, member=other_member, reason=FlagReason.UNKIND)
    assert hidden
    published_story.refresh_from_db()
    return published_story


def test_a_hidden_story_offers_only_withdrawing_and_says_why(author_client, hidden_story):
    response = author_client.get(MINE)

    assertContains(response, "hidden while a moderator reviews the reports")
    assertContains(response, "You do not need to do anything")
    assertContains(response, f'action="{url("withdraw", hidden_story)}"')
    assertNotContains(response, url("edit", hidden_story))
    assertNotContains(response, url("delete", hidden_story))
    assert author_client.get(url("edit", hidden_story)).status_code == 404


def test_my_stories_offers_edit_and_delete_only_where_they_work(author_client, author):
    draft = StoryFactory(author=author, status=Story.Status.DRAFT)
    rejected = StoryFactory(author=author, status=Story.Status.REJECTED)
    live = StoryFactory(author=author)

    response = author_client.get(MINE)

    for story in (draft, live):
        assertContains(response, f'href="{url("edit", story)}"')
    assertNotContains(response, f'href="{url("edit", rejected)}"')
    for story in (draft, rejected):
        assertContains(response, f'href="{url("delete", story)}"')
    assertNotContains(response, url("delete", live))


def test_delete_asks_for_confirmation_on_a_page_that_needs_no_javascript(author_client, author):
    draft = StoryFactory(author=author, status=Story.Status.DRAFT, title="Never mind")

    response = author_client.get(url("delete", draft))

    assertContains(response, "<h1>Delete “Never mind”?</h1>", html=True)
    assertContains(response, "<p>This cannot be undone.</p>", html=True)
    assertContains(response, f'<form method="post" action="{url("delete", draft)}"')
    assertContains(response, f'<a class="button button-secondary" href="{MINE}">Keep it</a>')
    assert "no-store" in response["Cache-Control"]
    assert Story.objects.filter(pk=draft.pk).exists()


def test_confirming_deletes_the_story_and_says_so(author_client, author):
    draft = StoryFactory(author=author, status=Story.Status.DRAFT, title="Never mind")

    response = author_client.post(url("delete", draft), follow=True)

    assertRedirects(response, MINE)
    assert messages_shown(response) == ["“Never mind” is deleted."]
    assert not Story.objects.filter(pk=draft.pk).exists()


def test_a_published_story_is_not_offered_for_deletion(author_client, published_story):
    response = author_client.get(url("delete", published_story), follow=True)

    assertRedirects(response, MINE)
    assert messages_shown(response) == ["Withdraw a published story before deleting it."]
    assert Story.objects.filter(pk=published_story.pk).exists()


def test_another_members_delete_confirmation_is_not_found(other_client, author):
    draft = StoryFactory(author=author, status=Story.Status.DRAFT, title="Alice's draft")

    response = other_client.get(url("delete", draft))

    assert response.status_code == 404
    assertNotContains(response, "Alice&#x27;s draft", status_code=404)


def test_withdrawing_a_story_never_published_does_not_speak_of_readers(author_client, author):
    story = StoryFactory(author=author, status=Story.Status.SUBMITTED, title="Second thoughts")

    response = author_client.post(url("withdraw", story), follow=True)

    assert messages_shown(response) == [
        "“Second thoughts” is withdrawn. "
        "It is out of the review queue; you can edit it and send it again."
    ]


def test_withdrawing_a_published_story_says_readers_no_longer_see_it(
    author_client, published_story
):
    response = author_client.post(url("withdraw", published_story), follow=True)

    assert messages_shown(response) == [
        "“Thank you, Dana” is withdrawn. Readers can no longer see it."
    ]


def test_an_author_thanking_their_own_story_is_told_why_not(author_client, published_story):
    response = author_client.post(url("thank", published_story), follow=True)

    assert messages_shown(response) == ["This is your own story, so you cannot thank it."]
