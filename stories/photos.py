"""Photos: an upload made safe (checked, re-encoded without metadata, resized) and stored."""

import io
import secrets
import warnings
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

from stories.choices import MODERATE, RevisionStatus, StoryStatus

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


def new_photo_key() -> str:
    return secrets.token_urlsafe(18)


def photo_path(instance: "StoryPhoto", filename: str) -> str:
    return f"photos/{instance.key}/{filename}"


class StoryPhotoQuerySet(models.QuerySet):
    def unused(self, *, older_than) -> "StoryPhotoQuerySet":
        """Uploads kept for a form that was never finished, and photos replaced since."""
        return self.filter(created_at__lt=older_than, stories__isnull=True, revisions__isnull=True)

    def create_from_upload(self, *, owner, upload) -> "StoryPhoto":
        """Check and re-encode an uploaded file, then store it; raises ValidationError."""
        return self.create_from_processed(owner=owner, processed=process_upload(upload))

    def create_from_processed(self, *, owner, processed: ProcessedPhoto) -> "StoryPhoto":
        """Store an upload already made safe (the share form processes it while validating)."""
        photo = self.model(owner=owner)
        photo.image.save(processed.display.name, processed.display, save=False)
        photo.thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
        photo.save()
        return photo


class StoryPhoto(models.Model):
    """A processed upload: metadata stripped, a display size and a thumbnail, unguessable key.

    Kept apart from the story so an upload survives a form that comes back with errors.
    """

    # Set on creation, before the files are saved, because their folder is named after it.
    key = models.CharField(max_length=32, unique=True, editable=False, default=new_photo_key)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(upload_to=photo_path, width_field="width", height_field="height")
    thumbnail = models.ImageField(upload_to=photo_path)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    objects = StoryPhotoQuerySet.as_manager()

    def __str__(self) -> str:
        return self.key

    def delete_files(self) -> None:
        for field in (self.image, self.thumbnail):
            if field.name:
                field.storage.delete(field.name)

    def url(self) -> str:
        return reverse("stories:photo", kwargs={"key": self.key, "size": "display"})

    def thumbnail_url(self) -> str:
        return reverse("stories:photo", kwargs={"key": self.key, "size": "thumb"})

    def is_visible_to(self, user) -> bool:
        """The owner sees their uploads; readers, a published story's photo; moderators, also
        the photo of a story or a pending edit they review, but never one used only in a draft."""
        if user.is_authenticated and self.owner_id == user.pk:
            return True
        if user.is_authenticated and user.has_perm(MODERATE):
            in_review = self.stories.exclude(status=StoryStatus.DRAFT).exists()
            return in_review or self.revisions.filter(status=RevisionStatus.PENDING).exists()
        return self.stories.filter(status=StoryStatus.PUBLISHED).exists()
