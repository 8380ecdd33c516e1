"""Turning an uploaded file into a safe photo: checked, re-encoded without metadata, resized."""

import io
import warnings
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
DISPLAY_SIZE = (1600, 1600)
THUMBNAIL_SIZE = (480, 480)
JPEG_QUALITY = 85


def _open_checked(upload: UploadedFile) -> Image.Image:
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "That photo is over the 10 MB limit (%(size)s MB). Try a smaller copy.",
            code="too_large",
            params={"size": f"{upload.size / 1024 / 1024:.2f}"},
        )
    upload.seek(0)
    head = upload.read(512).lstrip().lower()
    # An SVG or HTML page renamed to .jpg must never be served back; Pillow would reject most of
    # these anyway, but a polyglot can start with a real image header, so both checks apply.
    if head.startswith((b"<", b"<?xml", b"<svg", b"<!doctype")):
        raise ValidationError(
            "That file is not a photo. Upload a JPEG, PNG or WebP image.", code="not_image"
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    "Photos must be JPEG, PNG or WebP; this one is %(format)s.",
                    code="bad_format",
                    params={"format": image.format or "an unknown format"},
                )
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    "That photo is %(mp)s megapixels; the limit is 40. Try a smaller copy.",
                    code="too_many_pixels",
                    params={"mp": f"{image.width * image.height / 1_000_000:.0f}"},
                )
            image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ValidationError(
            "That image is far too large in pixels to be a photo. Try a smaller copy.",
            code="too_many_pixels",
        ) from None
    except UnidentifiedImageError:
        raise ValidationError(
            "That file is not a photo we can read. Upload a JPEG, PNG or WebP image.",
            code="not_image",
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(
            "That photo seems to be damaged or cut short. Try exporting it again.",
            code="broken_image",
        ) from None
    return image


def _encode_jpeg(image: Image.Image) -> bytes:
    # Re-encoding from pixels alone drops EXIF, GPS, XMP and any bytes hidden after the image.
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    elif image.mode != "RGB":
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


class ProcessedPhoto(NamedTuple):
    """An upload made safe: two JPEG files, not yet stored."""

    display: ContentFile
    thumbnail: ContentFile


def process_upload(upload: UploadedFile) -> ProcessedPhoto:
    """Return the display and thumbnail JPEG files for an upload, or raise ValidationError."""
    image = _open_checked(upload)
    image = ImageOps.exif_transpose(image)
    display = image.copy()
    display.thumbnail(DISPLAY_SIZE, Image.Resampling.LANCZOS)
    thumbnail = image.copy()
    thumbnail.thumbnail(THUMBNAIL_SIZE, Image.Resampling.LANCZOS)
    return ProcessedPhoto(
        display=ContentFile(_encode_jpeg(display), name="display.jpg"),
        thumbnail=ContentFile(_encode_jpeg(thumbnail), name="thumb.jpg"),
    )
