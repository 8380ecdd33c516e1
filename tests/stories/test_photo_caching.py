"""Photo addresses are keyed: a published photo may be cached for a year, any other never.

The long cache is safe only because the picture behind an address never changes: a new or
replaced photo gets a new address, and a photo no published story shows answers 404 again.
"""

import pytest

from moderation import takedowns
from moderation.diffs import Correction
from stories.lifecycle import apply_revision, withdraw_story
from stories.models import Story
from tests.factories import StoryFactory, StoryPhotoFactory, StoryRevisionFactory

pytestmark = pytest.mark.django_db

LONG_PUBLIC = "public, max-age=31536000, immutable"
NOT_PUBLISHED = [status for status in Story.Status.values if status != Story.Status.PUBLISHED]


def story_with_photo(author, **fields) -> Story:
    return StoryFactory(
        author=author, photo=StoryPhotoFactory(owner=author), photo_alt="A paper cup", **fields
    )


def assert_never_cached(response) -> None:
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


@pytest.mark.parametrize("client_name", ["visitor", "other_client", "author_client"])
def test_a_published_photo_may_be_cached_by_anyone_for_a_year(request, author, client_name):
    photo = story_with_photo(author).photo
    client = request.getfixturevalue(client_name)

    for address in (photo.url(), photo.thumbnail_url()):
        response = client.get(address)
        assert response.status_code == 200
        assert response["Cache-Control"] == LONG_PUBLIC
        # The same bytes for everyone, so shared caches need not keep a copy per cookie.
        assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize("status", NOT_PUBLISHED)
def test_the_author_sees_an_unpublished_photo_that_no_cache_keeps(author, author_client, status):
    photo = story_with_photo(author, status=status).photo

    assert_never_cached(author_client.get(photo.url()))
    assert_never_cached(author_client.get(photo.thumbnail_url()))


def test_a_photo_waiting_in_an_edit_is_not_public_while_the_published_one_is(
    author, author_client, visitor
):
    story = story_with_photo(author)
    new_photo = StoryPhotoFactory(owner=author)
    StoryRevisionFactory(story=story, photo=new_photo)

    assert visitor.get(story.photo.url())["Cache-Control"] == LONG_PUBLIC
    assert visitor.get(new_photo.url()).status_code == 404
    assert_never_cached(author_client.get(new_photo.url()))


def test_an_approved_edit_with_a_new_photo_shows_it_at_a_new_address(author, visitor):
    story = story_with_photo(author)
    old_address = story.photo.url()
    revision = StoryRevisionFactory(story=story, photo=StoryPhotoFactory(owner=author))

    apply_revision(revision=revision)
    story.refresh_from_db()

    assert story.photo.url() != old_address
    assert story.photo.url() in visitor.get(story.get_absolute_url()).content.decode()
    assert visitor.get(story.photo.url())["Cache-Control"] == LONG_PUBLIC
    assert visitor.get(old_address).status_code == 404


def test_a_photo_removed_by_an_edit_is_no_longer_served(author, visitor):
    story = story_with_photo(author)
    address = story.photo.url()

    apply_revision(revision=StoryRevisionFactory(story=story, photo=None, photo_alt=""))

    assert visitor.get(address).status_code == 404


def test_a_withdrawn_storys_photo_is_no_longer_served_or_cached(author, author_client, visitor):
    story = story_with_photo(author)

    withdraw_story(story=story)

    assert visitor.get(story.photo.url()).status_code == 404
    assert_never_cached(author_client.get(story.photo.url()))


def test_a_story_taken_down_loses_its_photo_and_a_redaction_keeps_it(author, moderator, visitor):
    redacted, taken_down = story_with_photo(author), story_with_photo(author)

    def ask(story):
        return takedowns.request_takedown(
            story=story,
            identifies="I am Dana.",
            asks="remove_details",
            details="My surname.",
            email="dana@example.com",
        )

    takedowns.redact_story(
        request=ask(redacted),
        moderator=moderator,
        correction=Correction(title=redacted.title, body="She works mornings."),
    )
    takedowns.unpublish_for_takedown(request=ask(taken_down), moderator=moderator)

    # A redaction corrects the words only: the picture, and so its address, are unchanged.
    redacted.refresh_from_db()
    assert visitor.get(redacted.photo.url())["Cache-Control"] == LONG_PUBLIC
    assert visitor.get(taken_down.photo.url()).status_code == 404
