"""Small readers of rendered pages and builders of form data shared by the stories tests."""

import html
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import CaptureQueriesContext
from PIL import Image

from stories.models import Story

CARD_TITLE = re.compile(
    r'<article class="story-card">.*?<h3><a href="[^"]*">(.*?)</a></h3>', re.DOTALL
)
STORY_BODY = re.compile(r'<div class="story-body prose">(.*?)</div>', re.DOTALL)
HREF = re.compile(r'href="([^"]*)"')


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


def field_errors(response, name: str) -> list[str]:
    """The error messages shown next to one form field (empty when it has none)."""
    match = re.search(
        rf'<ul class="errorlist" id="id_{name}_error">(.*?)</ul>', page_text(response), re.DOTALL
    )
    if not match:
        return []
    return [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", match.group(1))]


def card_titles(response) -> list[str]:
    """Titles of the story cards on a page, top to bottom."""
    return [html.unescape(title) for title in CARD_TITLE.findall(page_text(response))]


def story_body_html(response) -> str:
    """The rendered body of the story on a detail page."""
    return STORY_BODY.search(page_text(response)).group(1)


def section(response, start: str, end: str) -> str:
    """The page text between two markers (the first `end` after `start`)."""
    text = page_text(response)
    begin = text.index(start)
    return text[begin : text.index(end, begin)]


def hrefs(fragment: str) -> list[str]:
    return [html.unescape(link) for link in HREF.findall(fragment)]


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


def count_queries(connection, fetch) -> int:
    with CaptureQueriesContext(connection) as context:
        response = fetch()
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries)
