"""Photos: an upload made safe (checked, re-encoded without metadata, resized) and stored."""

import io
import secrets
import warnings
from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from PIL import ExifTags, Image, UnidentifiedImageError

from stories.choices import MODERATE, RevisionStatus, StoryStatus

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
DISPLAY_SIZE = (1600, 1600)
THUMBNAIL_SIZE = (480, 480)
JPEG_QUALITY = 85
# What decoding one photo may hold in memory. Six uploads at once then stay well under a
# gunicorn worker's share; a flat 6240 x 6240 PNG (162 kB on the wire) would take 510 MB.
DECODE_BUDGET_BYTES = 100_000_000
# Pillow keeps these modes in one or two bytes a pixel; every other mode takes four (RGB too).
_BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2, "I;16N": 2}
# Modes resized without first being converted at full size (see _reduce).
_RESIZED_AS_IS = {"RGB", "L", "CMYK"}


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
            _decode_reduced(image)
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


def _fitted(size: tuple[int, int], box: tuple[int, int]) -> tuple[int, int]:
    scale = min(box[0] / size[0], box[1] / size[1], 1)
    return max(1, round(size[0] * scale)), max(1, round(size[1] * scale))


def decode_cost(image: Image.Image, *, full_size: tuple[int, int]) -> int:
    """Bytes the decoded pixels and one full-size working copy of them take, before decoding.

    The working copies are the conversion to RGB(A) of a palette or unusual mode, and the
    premultiplied copy Pillow makes to resize an image with transparency (the resize's own
    passes are smaller and left out). A progressive JPEG
    also holds every DCT coefficient of the full-size image, two bytes each, however small
    it is decoded.
    """
    width, height = image.size
    per_pixel = _BYTES_PER_PIXEL.get(image.mode, 4)
    if image.mode not in _RESIZED_AS_IS | {"RGBA", "LA"}:
        per_pixel += 4
    if _has_alpha(image):
        per_pixel += 4
    cost = width * height * per_pixel
    if image.format == "JPEG" and image.info.get("progressive"):
        full_width, full_height = full_size
        layers = getattr(image, "layer", None) or [("", 1, 1, 0)] * 3
        most_h = max(layer[1] for layer in layers)
        most_v = max(layer[2] for layer in layers)
        cost += sum(
            2 * (full_width * layer[1] // most_h) * (full_height * layer[2] // most_v)
            for layer in layers
        )
    return cost


def _decode_reduced(image: Image.Image) -> None:
    """Decode the pixels, at a reduced size for a JPEG bigger than the display size.

    Refused from the header when the decode would go over DECODE_BUDGET_BYTES.
    """
    full_size = image.size
    if image.format == "JPEG":
        fitted = _fitted(image.size, DISPLAY_SIZE)
        # Twice the final size, as Image.thumbnail's reducing_gap does, so the last resize
        # still has detail to average over; libjpeg then decodes at 1/2, 1/4 or 1/8 scale.
        image.draft("RGB", (fitted[0] * 2, fitted[1] * 2))
    cost = decode_cost(image, full_size=full_size)
    if cost > DECODE_BUDGET_BYTES:
        width, height = full_size
        under = int(width * height * DECODE_BUDGET_BYTES / cost / 1_000_000)
        raise ValidationError(
            "That photo is %(width)s x %(height)s pixels, too large to process; try a copy "
            "under %(under)s megapixels.",
            code="too_costly",
            params={"width": width, "height": height, "under": max(under, 1)},
        )
    image.load()


def _has_alpha(image: Image.Image) -> bool:
    if image.mode in _RESIZED_AS_IS:
        return False
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _reduce(image: Image.Image, box: tuple[int, int]) -> Image.Image:
    """A copy fitting the box, in a mode JPEG can hold after flattening (RGB, L, RGBA, LA)."""
    if image.mode not in _RESIZED_AS_IS | {"RGBA", "LA"}:
        # Palette and 1-bit images resize only by nearest neighbour; 16-bit ones as integers.
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    fitted = _fitted(image.size, box)
    if fitted == image.size:
        return image.copy()
    return image.resize(fitted, Image.Resampling.LANCZOS, reducing_gap=2.0)


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
    # Reduced first, turned upright after: the boxes are square, so the order changes nothing
    # but the memory it takes (no full-size rotated copy).
    display = _reduce(image, DISPLAY_SIZE)
    orientation = image.getexif().get(ExifTags.Base.Orientation)
    del image
    display = _upright(display, orientation)
    thumbnail = _reduce(display, THUMBNAIL_SIZE)
    return ProcessedPhoto(
        display=ContentFile(_encode_jpeg(display), name="display.jpg"),
        thumbnail=ContentFile(_encode_jpeg(thumbnail), name="thumb.jpg"),
    )


def _upright(image: Image.Image, orientation: int | None) -> Image.Image:
    method = {
        2: Image.Transpose.FLIP_LEFT_RIGHT,
        3: Image.Transpose.ROTATE_180,
        4: Image.Transpose.FLIP_TOP_BOTTOM,
        5: Image.Transpose.TRANSPOSE,
        6: Image.Transpose.ROTATE_270,
        7: Image.Transpose.TRANSVERSE,
        8: Image.Transpose.ROTATE_90,
    }.get(orientation or 1)
    return image.transpose(method) if method is not None else image


def process_member_upload(*, member, upload: UploadedFile) -> ProcessedPhoto:
    """process_upload for a member's own request, counted against PHOTO_UPLOADS_PER_HOUR."""
    PhotoAttempt.objects.record(member=member)
    return process_upload(upload)


class PhotoAttemptQuerySet(models.QuerySet):
    def record(self, *, member) -> None:
        """Count one photo a member asks us to process (a preview or a save); refuse past the
        hourly limit with a ValidationError, before any of it is decoded.

        Counted in the database, so every server process sees every attempt. The member's row
        is locked while counting, as submit_story does for the daily limit, so attempts sent
        together count each other (SQLite's IMMEDIATE transactions serialise them anyway).
        """
        now = timezone.now()
        since = now - timedelta(hours=1)
        limit = settings.PHOTO_UPLOADS_PER_HOUR
        with transaction.atomic():
            get_user_model().objects.select_for_update().filter(pk=member.pk).first()
            self.filter(member=member, created_at__lt=since).delete()
            if self.filter(member=member, created_at__gte=since).count() >= limit:
                raise ValidationError(
                    "You have sent %(limit)s photos in the last hour, which is the limit. Try "
                    "again in an hour; the rest of your story is kept.",
                    code="too_many_uploads",
                    params={"limit": limit},
                )
            self.create(member=member, created_at=now)


class PhotoAttempt(models.Model):
    """A photo a member sent to be processed, kept an hour for PHOTO_UPLOADS_PER_HOUR."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = PhotoAttemptQuerySet.as_manager()

    class Meta:
        indexes = [
            # PhotoAttempt.objects.record: one member's attempts in the last hour.
            models.Index(fields=["member", "created_at"], name="stories_photoattempt_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} at {self.created_at:%H:%M:%S}"


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

    def is_public(self) -> bool:
        """Whether a published story shows it: then anyone may see it, and caches may keep it."""
        return self.stories.filter(status=StoryStatus.PUBLISHED).exists()

    def is_visible_to(self, user) -> bool:
        """Anyone sees a published story's photo; otherwise see is_shown_unpublished_to."""
        return self.is_public() or self.is_shown_unpublished_to(user)

    def is_shown_unpublished_to(self, user) -> bool:
        """The owner sees their uploads; moderators also the photo of a story or a pending edit
        they review, but never one used only in a draft."""
        if not user.is_authenticated:
            return False
        if self.owner_id == user.pk:
            return True
        if user.has_perm(MODERATE):
            in_review = self.stories.exclude(status=StoryStatus.DRAFT).exists()
            return in_review or self.revisions.filter(status=RevisionStatus.PENDING).exists()
        return False
