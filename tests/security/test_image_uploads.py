"""Hostile files sent as a story's photo: each refused with a message naming the problem.

A refused upload leaves nothing behind: no story, no photo row, no file in the media folder.
"""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from stories.models import Story, StoryPhoto
from tests.factories import image_upload
from tests.pages import field_errors
from tests.stories.helpers import story_data

SHARE = reverse("stories:share")
NOT_A_PHOTO = "That file is not a photo. Upload a JPEG, PNG or WebP image."


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims the given size: what a decompression bomb looks like."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg_bytes(size=(400, 300)) -> bytes:
    return image_upload(size=size).read()


def gif_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (10, 200, 10)).save(buffer, format="GIF")
    return buffer.getvalue()


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)
HTML_PAGE = b"<html><body><script>alert(document.cookie)</script></body></html>"

HOSTILE_FILES = {
    "decompression-bomb": (
        "bomb.png",
        png_claiming(100_000, 100_000),
        "image/png",
        "That image is far too large in pixels to be a photo. Try a smaller copy.",
    ),
    "over-40-megapixels": (
        "huge.png",
        png_claiming(10_000, 5_000),
        "image/png",
        "That photo is 50 megapixels; the limit is 40. Try a smaller copy.",
    ),
    "truncated-jpeg": (
        "cut.jpg",
        jpeg_bytes()[:1500],
        "image/jpeg",
        "That photo seems to be damaged or cut short. Try exporting it again.",
    ),
    "svg-named-jpg": ("cat.jpg", SVG_WITH_SCRIPT, "image/jpeg", NOT_A_PHOTO),
    "html-named-jpg": ("cat.jpg", HTML_PAGE, "image/jpeg", NOT_A_PHOTO),
    "html-after-blank-lines": ("cat.jpg", b"\n\n  \t" + HTML_PAGE, "image/jpeg", NOT_A_PHOTO),
    "gif": (
        "party.gif",
        gif_bytes(),
        "image/gif",
        "Photos must be JPEG, PNG or WebP; this one is GIF.",
    ),
    "random-bytes": (
        "noise.jpg",
        bytes(range(256)) * 8,
        "image/jpeg",
        "That file is not a photo we can read. Upload a JPEG, PNG or WebP image.",
    ),
    "empty-file": ("empty.jpg", b"", "image/jpeg", "The submitted file is empty."),
}


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def assert_nothing_stored(settings) -> None:
    assert not Story.objects.exists()
    assert not StoryPhoto.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.django_db
@pytest.mark.parametrize("case", HOSTILE_FILES)
def test_a_hostile_file_is_refused_with_a_message_and_nothing_is_stored(
    author_client, settings, case
):
    name, content, content_type, message = HOSTILE_FILES[case]
    upload = SimpleUploadedFile(name, content, content_type=content_type)

    response = author_client.post(SHARE, story_data(photo=upload, photo_alt="A cat"))

    assert response.status_code == 400
    assert field_errors(response, "photo") == [message]
    assert "This photo is kept." not in response.content.decode()
    assert_nothing_stored(settings)


@pytest.mark.django_db
def test_a_50_mb_upload_is_refused_with_the_size_limit(author_client, settings):
    upload = SimpleUploadedFile(
        "huge.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * (50 * 1024 * 1024 - 4), "image/jpeg"
    )

    response = author_client.post(SHARE, story_data(photo=upload, photo_alt="A cat"))

    assert response.status_code == 400
    assert field_errors(response, "photo") == [
        "That photo is over the 10 MB limit (50.00 MB). Try a smaller copy."
    ]
    assert_nothing_stored(settings)


@pytest.mark.django_db
def test_a_jpeg_with_a_script_appended_is_accepted_but_stored_without_it(
    author_client, other_client, settings
):
    polyglot = jpeg_bytes() + b"<script>alert(document.cookie)</script><!--"
    upload = SimpleUploadedFile("holiday.jpg", polyglot, content_type="image/jpeg")

    response = author_client.post(SHARE, story_data(photo=upload, photo_alt="A cup"))

    assert response.status_code == 302
    story = Story.objects.get()
    files = stored_files(settings)
    assert len(files) == 2  # the display size and the thumbnail, both re-encoded
    for path in files:
        data = path.read_bytes()
        assert b"<script" not in data
        assert data.startswith(b"\xff\xd8")
    served = author_client.get(story.photo.url())
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert b"<script" not in b"".join(served.streaming_content)
    # Still waiting for review, so nobody else may fetch it.
    assert other_client.get(story.photo.url()).status_code == 404
