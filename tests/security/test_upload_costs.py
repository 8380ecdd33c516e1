"""Photos that cost too much to process: refused from the header, and counted per member.

A flat 6240 x 6240 PNG is 162 kB on the wire and 510 MB once decoded; it is refused before a
single pixel is decoded, with everything else the author typed kept. Big JPEGs are decoded at a
reduced size. Each member may send PHOTO_UPLOADS_PER_HOUR photos (previews included) an hour.
"""

import io
import struct
import zlib
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageFile

from stories import photos
from stories.models import Story, StoryPhoto
from stories.photos import PhotoAttempt
from tests.factories import image_upload
from tests.pages import field_errors, parse
from tests.stories.helpers import story_data

SHARE = reverse("stories:share")
TOO_COSTLY = (
    "That photo is 6240 x 6240 pixels, too large to process; try a copy under 25 megapixels."
)


def flat_png(width: int, height: int) -> bytes:
    """A real, decodable PNG of one colour, compressed row by row (never held decoded)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\xc8\x1e\x1e" * width
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            chunk(b"IHDR", header),
            chunk(b"IDAT", pixels),
            chunk(b"IEND", b""),
        ]
    )


@pytest.fixture(scope="module")
def worst_png() -> bytes:
    return flat_png(6240, 6240)


@pytest.fixture
def decodes(monkeypatch) -> list[tuple[int, int]]:
    """The size of every image Pillow decodes from here on."""
    seen: list[tuple[int, int]] = []
    real_load = ImageFile.ImageFile.load

    def load(self):
        if getattr(self, "_im", None) is None:
            seen.append(self.size)
        return real_load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    return seen


def test_the_worst_case_png_is_small_on_the_wire(worst_png):
    assert len(worst_png) < 200_000
    assert Image.open(io.BytesIO(worst_png)).size == (6240, 6240)


@pytest.mark.django_db
@pytest.mark.parametrize("intent", ["submit", "preview", "draft"])
def test_a_photo_too_costly_to_decode_is_refused_before_decoding_and_the_rest_is_kept(
    author_client, worst_png, decodes, intent
):
    upload = SimpleUploadedFile("flat.png", worst_png, content_type="image/png")

    response = author_client.post(
        SHARE,
        story_data(intent=intent, title="The night cashier", photo=upload, photo_alt="Red"),
    )

    assert response.status_code == 400
    assert field_errors(response, "photo") == [TOO_COSTLY]
    assert decodes == []
    form = parse(response)
    assert form.find("input", id="id_title").attrs["value"] == "The night cashier"
    assert form.find("input", id="id_photo_alt").attrs["value"] == "Red"
    assert not Story.objects.exists()
    assert not StoryPhoto.objects.exists()


@pytest.mark.django_db
def test_a_big_jpeg_is_decoded_at_a_reduced_size(author_client, decodes):
    upload = image_upload("big.jpg", size=(7000, 5000))

    response = author_client.post(SHARE, story_data(photo=upload, photo_alt="A wide shop"))

    assert response.status_code == 302
    assert decodes[0] == (3500, 2500)
    photo = StoryPhoto.objects.get()
    assert (photo.width, photo.height) == (1600, 1143)


@pytest.mark.django_db
def test_a_progressive_jpeg_counts_the_coefficients_libjpeg_keeps(author_client, monkeypatch):
    # A progressive JPEG holds every DCT coefficient of the full image, however small it is
    # decoded; a budget shrunk to the test's small images shows the same rule.
    monkeypatch.setattr(photos, "DECODE_BUDGET_BYTES", 5_000_000)
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 1000), (30, 60, 90)).save(buffer, "JPEG", progressive=True)
    progressive = SimpleUploadedFile("p.jpg", buffer.getvalue(), content_type="image/jpeg")

    refused = author_client.post(SHARE, story_data(photo=progressive, photo_alt="A cup"))
    accepted = author_client.post(
        SHARE, story_data(photo=image_upload(size=(1000, 1000)), photo_alt="A cup")
    )

    assert field_errors(refused, "photo") == [
        "That photo is 1000 x 1000 pixels, too large to process; try a copy under 1 megapixels."
    ]
    assert accepted.status_code == 302


@pytest.mark.django_db
def test_a_photo_with_transparency_is_flattened_onto_white(author, author_client):
    buffer = io.BytesIO()
    Image.new("RGBA", (2000, 1000), (0, 0, 0, 0)).save(buffer, "PNG")
    upload = SimpleUploadedFile("clear.png", buffer.getvalue(), content_type="image/png")

    response = author_client.post(SHARE, story_data(photo=upload, photo_alt="Nothing"))

    assert response.status_code == 302
    photo = StoryPhoto.objects.get()
    with Image.open(photo.image) as stored:
        assert stored.size == (1600, 800)
        assert stored.getpixel((10, 10)) == (255, 255, 255)


HOURLY_LIMIT = (
    "You have sent 2 photos in the last hour, which is the limit. Try again in an hour; "
    "the rest of your story is kept."
)


@pytest.mark.django_db
def test_photos_past_the_hourly_limit_are_refused_with_the_rest_kept(
    author_client, other_client, settings, decodes
):
    settings.PHOTO_UPLOADS_PER_HOUR = 2
    for intent in ("preview", "draft"):
        response = author_client.post(
            SHARE, story_data(intent=intent, photo=image_upload(), photo_alt="A cup")
        )
        assert field_errors(response, "photo") == []
    decoded = len(decodes)

    response = author_client.post(
        SHARE,
        story_data(intent="preview", title="Third try", photo=image_upload(), photo_alt="A cup"),
    )

    assert response.status_code == 400
    assert field_errors(response, "photo") == [HOURLY_LIMIT]
    assert parse(response).find("input", id="id_title").attrs["value"] == "Third try"
    assert len(decodes) == decoded
    assert StoryPhoto.objects.count() == 2
    # Another member has a limit of their own.
    other = other_client.post(SHARE, story_data(intent="preview", photo=image_upload()))
    assert field_errors(other, "photo") == []


@pytest.mark.django_db
def test_the_hourly_limit_frees_up_as_the_hour_passes(author, author_client, settings):
    settings.PHOTO_UPLOADS_PER_HOUR = 1
    author_client.post(SHARE, story_data(intent="preview", photo=image_upload()))
    PhotoAttempt.objects.update(created_at=timezone.now() - timedelta(minutes=61))

    response = author_client.post(SHARE, story_data(intent="preview", photo=image_upload()))

    assert field_errors(response, "photo") == []
    assert PhotoAttempt.objects.count() == 1


@pytest.mark.django_db
def test_a_story_without_a_new_photo_is_never_counted(author_client, settings):
    settings.PHOTO_UPLOADS_PER_HOUR = 1
    author_client.post(SHARE, story_data(intent="preview", photo=image_upload()))

    response = author_client.post(SHARE, story_data(intent="preview"))

    assert response.status_code == 200
    assert PhotoAttempt.objects.count() == 1
