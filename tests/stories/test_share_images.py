"""A published story's link-preview image: drawn once per version, never for hidden stories."""

import io
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from PIL import Image

from stories import share_images
from stories.models import Story
from stories.share_images import share_key, storage_name
from stories.views.share import share_image_url
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


def fetch(client, story):
    return client.get(share_image_url(Story.objects.get(pk=story.pk)))


def test_it_draws_a_1200_by_630_png_for_a_published_story(visitor, published_story):
    response = fetch(visitor, published_story)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert (image.format, image.size) == ("PNG", (1200, 630))


def test_a_published_image_may_be_kept_for_a_year_by_any_cache(visitor, published_story):
    response = fetch(visitor, published_story)

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "immutable", "max-age=31536000"} <= cache_control
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "status",
    [Story.Status.DRAFT, Story.Status.SUBMITTED, Story.Status.HIDDEN, Story.Status.WITHDRAWN],
)
def test_a_story_readers_may_not_see_has_no_image_even_for_its_author(
    author, author_client, moderator_client, status
):
    story = StoryFactory(author=author, status=status)

    with mock.patch.object(share_images, "draw") as draw:
        for client in (author_client, moderator_client):
            assert fetch(client, story).status_code == 404
    draw.assert_not_called()
    assert not default_storage.exists(f"{share_images.FOLDER}/{story.pk}")


def test_it_draws_each_version_once_and_serves_it_from_storage_after(visitor, published_story):
    with mock.patch.object(share_images, "draw", wraps=share_images.draw) as draw:
        first = fetch(visitor, published_story)
        second = fetch(visitor, published_story)

    assert draw.call_count == 1
    assert first.content == second.content
    story = Story.objects.get(pk=published_story.pk)
    assert default_storage.exists(storage_name(story.pk, share_key(story)))


def test_a_new_title_or_practice_gives_a_new_key_and_the_old_address_moves_on(
    visitor, published_story
):
    story = Story.objects.get(pk=published_story.pk)
    old_url, old_key = share_image_url(story), share_key(story)

    Story.objects.filter(pk=story.pk).update(title="Thank you again, Dana")
    retitled = Story.objects.get(pk=story.pk)
    retitled.practices.add("ask-how-long")
    retitled = Story.objects.get(pk=story.pk)

    assert share_key(retitled) != old_key
    response = visitor.get(old_url)
    assert response.status_code == 302
    assert response["Location"] == share_image_url(retitled)
    assert "no-store" in response["Cache-Control"]


def test_a_story_taken_down_after_its_image_was_drawn_no_longer_serves_it(visitor, published_story):
    url = share_image_url(Story.objects.get(pk=published_story.pk))
    assert visitor.get(url).status_code == 200

    Story.objects.filter(pk=published_story.pk).update(status=Story.Status.HIDDEN)

    assert visitor.get(url).status_code == 404


def test_while_another_request_writes_the_image_it_draws_its_own_and_writes_nothing(
    visitor, published_story
):
    story = Story.objects.get(pk=published_story.pk)
    name = storage_name(story.pk, share_key(story))
    lock = f"share-image-lock:{name}"

    cache.add(lock, 1, 60)  # another process is writing this very file
    try:
        response = fetch(visitor, story)
    finally:
        cache.delete(lock)

    assert response.status_code == 200
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)
    assert not default_storage.exists(name)


@pytest.mark.parametrize(
    "title",
    [
        "A",
        "W" * 120,
        "More words than four lines hold " * 6,
    ],
)
def test_any_title_fits_its_lines(title):
    font = share_images._font(share_images.TITLE_SIZE)
    width = share_images.WIDTH - 2 * share_images.MARGIN

    lines = share_images.wrap(title, font=font, width=width, lines=share_images.TITLE_LINES)

    assert 1 <= len(lines) <= share_images.TITLE_LINES
    assert all(font.getlength(line) <= width for line in lines)
    if title.startswith("More words"):
        assert lines[-1].endswith("…")


def test_serving_a_drawn_image_runs_three_queries(
    visitor, published_story, django_assert_num_queries
):
    url = share_image_url(Story.objects.get(pk=published_story.pk))
    visitor.get(url)

    # The published story, its practices, and the write lock (the database cache; Redis with
    # REDIS_URL, CI's third run).
    with django_assert_num_queries(2 if settings.REDIS_URL else 3):
        assert visitor.get(url).status_code == 200
