"""Review page markup kept per process, keyed on the values it shows.

The story's preview (its Markdown body, byline, chips and photo) and its text with the details
that may identify someone marked are the same for every moderator and every view of one text:
rendered afresh they cost a review page several milliseconds (a URL reversal per chip, the
privacy patterns over the whole body). Each is kept in a bounded cache whose key is the values
themselves, so an edited title, body, chip or photo is a new key and never shows stale markup.
Status, claim, flags and history are not in here: they render on every request.
"""

import functools
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from moderation.forms import ResolveFlagsForm, StoryDecisionForm, initial_for_story
from moderation.review_page import Chip
from stories.privacy import highlight

# Review pages a process keeps the markup of: far more than the waiting queue's first page.
KEPT_PAGES = 256


@dataclass(frozen=True)
class _Photo:
    key: str
    width: int
    height: int

    def url(self) -> str:
        return reverse("stories:photo", kwargs={"key": self.key, "size": "display"})


@dataclass(frozen=True)
class Shown:
    """Everything includes/_story_article.html shows of a story under review."""

    title: str
    body: str
    byline: str
    date: datetime | None
    perspective: str
    setting: str
    practices: tuple[tuple[str, str, str], ...]
    tags: tuple[tuple[str, str, str], ...]
    photo: tuple[str, int, int] | None
    photo_alt: str
    # The zone dates are shown in: one site-wide today, in the key should that ever change.
    zone: str


def shown(story, *, date, practices, tags) -> Shown:
    photo = story.photo
    return Shown(
        title=story.title,
        body=story.body,
        byline=story.byline,
        date=date,
        perspective=story.get_perspective_display(),
        setting=story.get_setting_display(),
        practices=tuple(
            (practice.name, practice.slug, practice.get_absolute_url()) for practice in practices
        ),
        tags=tuple((tag.name, tag.slug, "") for tag in tags),
        photo=None if photo is None else (photo.key, photo.width, photo.height),
        photo_alt=story.photo_alt,
        zone=timezone.get_current_timezone_name(),
    )


@functools.lru_cache(maxsize=KEPT_PAGES)
def article(values: Shown) -> SafeString:
    """includes/_story_article.html for these values, rendered once per process."""
    return mark_safe(
        render_to_string(
            "includes/_story_article.html",
            {
                "title": values.title,
                "body": values.body,
                "byline": values.byline,
                "date": values.date,
                "perspective": values.perspective,
                "setting": values.setting,
                "practices": [Chip(0, *chip) for chip in values.practices],
                "tags": [Chip(0, *chip) for chip in values.tags],
                "photo": None if values.photo is None else _Photo(*values.photo),
                "photo_alt": values.photo_alt,
            },
        )
    )


@functools.lru_cache(maxsize=KEPT_PAGES)
def identifying(text: str) -> SafeString:
    """stories.privacy.highlight of the text, once per process and text."""
    return highlight(text)


# Stand for the values of the decision form kept below; never typed by anyone.
_STAND_INS = {
    name: f"v{secrets.token_hex(10)}{name}v"
    for name in ("title", "body", "submitted_at", "fingerprint")
}


@functools.cache
def _blank_decision_fields() -> str:
    form = StoryDecisionForm(initial=_STAND_INS)
    return get_template("moderation/review.html#decision_fields").render({"form": form})


def decision_fields(story) -> SafeString:
    """The decision form's fields for this story, as the unbound form renders them.

    Rendered once per process with stand-ins for the story's title, text, moment sent and
    fingerprint, which are put in on each use, escaped as the widgets escape them: building the
    form and its fields cost a review page about a millisecond. A value a widget would leave out
    (None) renders the form afresh.
    """
    html = _blank_decision_fields()
    for name, value in initial_for_story(story).items():
        field = StoryDecisionForm.base_fields[name]
        shown = field.widget.format_value(field.prepare_value(value))
        if shown is None:
            form = StoryDecisionForm(initial=initial_for_story(story))
            return mark_safe(
                get_template("moderation/review.html#decision_fields").render({"form": form})
            )
        html = html.replace(_STAND_INS[name], conditional_escape(str(shown)))
    return mark_safe(html)


@functools.cache
def resolve_fields() -> SafeString:
    """The flag review form's fields: always blank when the page is opened, so the same for every
    story and moderator, rendered once per process."""
    form = ResolveFlagsForm()
    return mark_safe(
        get_template("moderation/review_flags.html#resolve_fields").render({"form": form})
    )
