"""The Open Graph image of a published story: its title and practices, drawn once per version.

The key (share_key) changes whenever what the image shows changes (title, practices, or the
drawing itself through DESIGN), so the image behind a key never changes: it is kept in the
default storage (disk or the S3 bucket, kindness/storage.py) and served with immutable cache
headers. Never drawn for a story readers may not see: the view looks only at published stories.
"""

import hashlib
import io
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image, ImageDraw, ImageFont

# Bump to redraw every story's image after changing how it is drawn.
DESIGN = "1"
WIDTH, HEIGHT = 1200, 630
FOLDER = "share-images"
# Long enough for the slowest save to the bucket; a crashed writer's lock expires by itself.
LOCK_SECONDS = 60

# The site's palette (static/css/site.css :root).
PAPER = "#fffdf8"
INK = "#1f2328"
MUTED = "#4f5660"
ACCENT = "#8a3412"
ACCENT_SOFT = "#fbeee6"
LINE = "#d9d3c7"

MARGIN = 80
TITLE_SIZE = 64
TITLE_LINES = 4
CHIP_SIZE = 28
ELLIPSIS = "…"


def practice_names(story) -> list[str]:
    """In the order the story page lists them (Practice.Meta.ordering), from the prefetch."""
    practices = sorted(
        story.practices.all(), key=lambda practice: (practice.position, practice.name)
    )
    return [practice.name for practice in practices]


def share_key(story, practices: list[str] | None = None) -> str:
    """`practices`: the names of the story's practices in order, when the caller has read them."""
    if practices is None:
        practices = practice_names(story)
    shown = "\n".join([DESIGN, str(story.pk), story.title, *practices])
    return hashlib.sha256(shown.encode()).hexdigest()[:20]


def share_image_url(story, practices: list[str] | None = None) -> str:
    key = share_key(story, practices)
    return reverse("stories:share_image", kwargs={"pk": story.pk, "key": key})


def storage_name(story_pk: int, key: str) -> str:
    return f"{FOLDER}/{story_pk}/{key}.png"


def image_for(story) -> bytes:
    """The PNG for the story's current version: from storage, else drawn and stored once.

    Concurrent first requests may each draw it (drawing is pure and cheap), but only the holder
    of the cache lock writes it, so the storage never gets a duplicate under a suffixed name. A
    file seen while the lock is held may still be half-written, so it is read only when the file
    existed before the lock was seen to be free: a writer frees the lock after its last byte.
    """
    key = share_key(story)
    name = storage_name(story.pk, key)
    lock = f"share-image-lock:{name}"
    if default_storage.exists(name) and cache.get(lock) is None:
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    png = draw(title=story.title, practices=practice_names(story))
    if cache.add(lock, 1, LOCK_SECONDS):
        try:
            if not default_storage.exists(name):
                default_storage.save(name, ContentFile(png))
        finally:
            cache.delete(lock)
    return png


def draw(*, title: str, practices: list[str]) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    canvas = ImageDraw.Draw(image)
    canvas.rectangle((0, 0, 24, HEIGHT), fill=ACCENT)
    canvas.line((MARGIN, HEIGHT - 110, WIDTH - MARGIN, HEIGHT - 110), fill=LINE, width=2)
    brand = _font(34)
    canvas.text((MARGIN, 50), "Flip the Counter", font=brand, fill=ACCENT)
    title_font = _font(TITLE_SIZE)
    y = 120
    for line in wrap(title, font=title_font, width=WIDTH - 2 * MARGIN, lines=TITLE_LINES):
        canvas.text((MARGIN, y), line, font=title_font, fill=INK)
        y += int(TITLE_SIZE * 1.12)
    _draw_chips(canvas, practices, top=HEIGHT - 175)
    address = urlsplit(settings.SITE_URL).netloc.removeprefix("www.")
    canvas.text((MARGIN, HEIGHT - 85), address, font=_font(30), fill=MUTED)
    out = io.BytesIO()
    # Default compression: optimize=True halves the speed for about 7% fewer bytes.
    image.save(out, format="PNG")
    return out.getvalue()


def _draw_chips(canvas: ImageDraw.ImageDraw, practices: list[str], *, top: int) -> None:
    """One row of practice chips; what does not fit is summed up as "+N more"."""
    font = _font(CHIP_SIZE)
    x, right, pad = MARGIN, WIDTH - MARGIN, 16
    for index, name in enumerate(practices):
        label = wrap(name, font=font, width=right - MARGIN - 2 * pad, lines=1)[0]
        width = canvas.textlength(label, font=font) + 2 * pad
        rest = len(practices) - index - 1
        more_width = canvas.textlength(f"+{rest} more", font=font) + 2 * pad if rest else 0
        if x + width + (more_width + 12 if rest else 0) > right and index:
            _chip(canvas, x, top, f"+{len(practices) - index} more", font, pad)
            return
        _chip(canvas, x, top, label, font, pad)
        x += width + 12


def _chip(canvas, x: float, top: int, label: str, font, pad: int) -> None:
    width = canvas.textlength(label, font=font) + 2 * pad
    canvas.rounded_rectangle((x, top, x + width, top + CHIP_SIZE + 20), radius=12, fill=ACCENT_SOFT)
    canvas.text((x + pad, top + 8), label, font=font, fill=ACCENT)


def wrap(text: str, *, font, width: int, lines: int) -> list[str]:
    """Words in lines no wider than `width`; the last line shown ends in … when text is left."""
    words = text.split()
    out: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}".strip()
        if font.getlength(trial) <= width:
            current = trial
            continue
        if current:
            out.append(current)
        current = word
        while font.getlength(current) > width:  # a word wider than the line: break it
            cut = _fit(current, font=font, width=width)
            out.append(current[:cut])
            current = current[cut:]
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = _ellipsised(out[-1], font=font, width=width)
    return out or [""]


def _fit(text: str, *, font, width: int) -> int:
    cut = len(text)
    while cut > 1 and font.getlength(text[:cut]) > width:
        cut -= 1
    return cut


def _ellipsised(line: str, *, font, width: int) -> str:
    while line and font.getlength(line + ELLIPSIS) > width:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS


def _font(size: int) -> ImageFont.FreeTypeFont:
    # Pillow's own scalable font (Aileron), present wherever Pillow is: no font file to ship.
    return ImageFont.load_default(size=size)
