"""The rows of My stories, rendered once per version of what each row shows.

As with stories.cards, a row's key is a digest of everything the "row" partial of
templates/stories/mine.html shows: the title, the status and the reason for a rejection (which
decide the buttons), the dates, the thanks count, the moderators' note, the date of an edit
waiting for review and the status of the latest edit, the time zone, and the template itself.
A new status, note or edit is a new key, so the page is exactly as fresh as its query, which runs
on every request and reads all of it in one statement (no query per story).

A row's forms need this request's CSRF token, which must never be kept: rows are rendered with
CSRF_MARK in its place, and `render_rows` puts the token in. The mark contains "<", which the
template escapes in anything a member wrote, so only the tag can produce it.

Rows hold an author's drafts and notes. They are looked up only through the author's own list
query, whose keys start from story ids of that author's stories.
"""

import hashlib
from functools import cache

from django.core.cache import caches
from django.db.models import OuterRef, QuerySet, Subquery
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from accounts.models import User
from stories.models import Story, StoryRevision

PAGE_TEMPLATE = "stories/mine.html"
ROW_TEMPLATE = f"{PAGE_TEMPLATE}#row"
ROW_CACHE = "cards"
ROW_SECONDS = 24 * 60 * 60
CSRF_MARK = mark_safe("<csrf-token>")
# What a row shows, and nothing more: the body (up to 10,000 characters) is never read here.
ROW_FIELDS = (
    "id",
    "title",
    "status",
    "rejected_for",
    "created_at",
    "published_at",
    "thanks_count",
    "moderator_note",
)


def own_stories(author: User) -> QuerySet[Story]:
    """The author's stories, newest first, each with its waiting edit and its latest edit."""
    edits = StoryRevision.objects.filter(story=OuterRef("pk"))
    return (
        Story.objects.filter(author=author)
        .only(*ROW_FIELDS)
        .annotate(
            pending_edit_sent=Subquery(edits.pending().values("updated_at")[:1]),
            latest_edit_status=Subquery(edits.order_by("-created_at", "-id").values("status")[:1]),
        )
        .order_by("-created_at", "-id")
    )


@cache
def _template_digest() -> str:
    """A deploy with a changed page template must not serve rows in the old one."""
    source = get_template(PAGE_TEMPLATE).template.source
    return hashlib.sha256(source.encode()).hexdigest()[:12]


def row_key(story: Story) -> str:
    shown = (
        story.pk,
        story.title,
        story.status,
        story.rejected_for,
        story.created_at.isoformat(),
        story.published_at.isoformat() if story.published_at else "",
        story.thanks_count,
        story.moderator_note,
        story.pending_edit_sent.isoformat() if story.pending_edit_sent else "",
        story.latest_edit_status or "",
        timezone.get_current_timezone_name(),
    )
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:40]
    return f"my-row:{_template_digest()}:{digest}"


def render_rows(stories: list[Story], *, csrf_token: str) -> SafeString:
    """The rows of `stories` (from own_stories), in order, with this request's CSRF token."""
    keys = [row_key(story) for story in stories]
    found = caches[ROW_CACHE].get_many(keys)
    rendered = {}
    for story, key in zip(stories, keys, strict=True):
        if key not in found:
            template = get_template(ROW_TEMPLATE)
            rendered[key] = template.render({"story": story, "csrf_token": CSRF_MARK})
    if rendered:
        caches[ROW_CACHE].set_many(rendered, ROW_SECONDS)
    markup = "".join(found.get(key) or rendered[key] for key in keys)
    return mark_safe(markup.replace(CSRF_MARK, csrf_token))
