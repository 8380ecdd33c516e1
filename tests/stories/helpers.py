"""Small readers of rendered pages and builders of form data shared by the stories tests."""

import io

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from kindness.context_processors import source_essays
from moderation.takedowns import request_takedown, unpublish_for_takedown
from stories.lifecycle import delete_story, withdraw_story
from stories.models import Story
from tests.factories import ModeratorFactory
from tests.pages import parse

# For tests that read the cached entries themselves: with REDIS_URL (CI's third run) the pages
# and cards live in Redis, where tests/ops/test_redis_cache.py covers them.
reads_local_memory_caches = pytest.mark.skipif(
    bool(settings.REDIS_URL), reason="REDIS_URL is set: the caches are Redis, not local memory"
)


def story_data(**overrides) -> dict:
    """What a member types into the share form for a complete story, pressing "Submit"."""
    data = {
        "intent": "submit",
        "title": "The barista who remembered my name",
        "body": "I thanked her by name.\n\nShe laughed and said nobody reads the tag.",
        "perspective": Story.Perspective.CUSTOMER,
        "setting": Story.Setting.RESTAURANT,
        "practices": ["call-them-by-name", "say-thank-you"],
        "tags": "",
        "photo_alt": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def page_text(response) -> str:
    return response.content.decode()


def card_titles(response) -> list[str]:
    """Titles of the story cards on a page, top to bottom."""
    return [
        card.find("h3").find("a").text
        for card in parse(response).find_all("article", cls="story-card")
    ]


def story_body_html(response) -> str:
    """The rendered body of the story on a detail page."""
    return parse(response).find("div", cls="story-body").inner_html


def section(response, start: str, end: str) -> str:
    """The page text between two markers (the first `end` after `start`)."""
    text = page_text(response)
    begin = text.index(start)
    return text[begin : text.index(end, begin)]


def hrefs(fragment) -> list[str]:
    """Every link target in a piece of HTML or a page, in order."""
    return [element.attrs["href"] for element in parse(fragment).iter() if "href" in element.attrs]


def jpeg_with_gps(
    name: str = "holiday.jpg", *, size=(800, 600), orientation: int | None = None
) -> SimpleUploadedFile:
    """A JPEG carrying a camera make and GPS coordinates, as phones write them."""
    image = Image.new("RGB", size, (90, 140, 200))
    exif = image.getexif()
    exif[0x010F] = "SpyCam"
    if orientation:
        exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (51.0, 30.0, 0.0)
    gps[3] = "W"
    gps[4] = (0.0, 7.0, 0.0)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def encoded(image: Image.Image, name: str, image_format: str, content_type: str):
    buffer = io.BytesIO()
    image.save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def fresh_page_queries(client, url: str) -> int:
    """The queries of rendering the page at `url`, not reusing a shared page (stories.caching)."""
    caches["pages"].clear()
    source_essays()  # the footer's essays, kept in the same cache for ten minutes
    return count_queries(connection, lambda: client.get(url))


def count_queries(connection, fetch) -> int:
    with CaptureQueriesContext(connection) as context:
        response = fetch()
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries)


def delete_withdrawn(story: Story) -> None:
    """The author withdraws the story, then deletes it."""
    withdraw_story(story=story)
    delete_story(story=Story.objects.get(pk=story.pk))


def unpublish_on_request(story: Story) -> None:
    """The worker in the story asks for it to come down, and a moderator unpublishes it."""
    request = request_takedown(
        story=story, identifies="I am the worker", asks="remove_story", email="w@example.com"
    )
    unpublish_for_takedown(request=request, moderator=ModeratorFactory())
