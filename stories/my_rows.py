"""The rows of My stories: one statement reads them, each row renders once per version of itself.

As with stories.cards, a row's key is a digest of everything the "row" partial of
templates/stories/mine.html shows: the title, the status and the reason for a rejection (which
decide the buttons), the dates, the thanks count, the moderators' note, the date of an edit
waiting for review and the status of the latest edit, the time zone, and the template itself.
A new status, note or edit is a new key, so the page is exactly as fresh as its query, which runs
on every request. A missing row renders from the very values its key was made of, so no row is
ever kept under a key that does not describe it.

The statement (the page of stories, their edits and the total for the pager) is built by the ORM
once per process (kindness.statements): building it on every request cost several times what the
database takes to answer it.

A row's forms need this request's CSRF token, which must never be kept: rows are rendered with
CSRF_MARK in its place, and `render_rows` puts the token in. The mark contains "<", which the
template escapes in anything a member wrote, so only the tag can produce it.

Rows hold an author's drafts and notes. They are looked up only through the author's own list
query, so a member can only ever be handed rows of their own stories.
"""

import functools
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, OuterRef, Subquery, Window
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from kindness.statements import Statement, as_datetime
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
EDIT_FIELDS = ("pending_edit_sent", "latest_edit_status")
MOMENTS = {"created_at", "published_at", "pending_edit_sent"}


@dataclass(frozen=True)
class Row:
    key: str
    values: tuple


def _own_stories(*, author_id: int):
    edits = StoryRevision.objects.filter(story=OuterRef("pk"))
    return (
        Story.objects.filter(author_id=author_id)
        .annotate(
            pending_edit_sent=Subquery(edits.pending().values("updated_at")[:1]),
            latest_edit_status=Subquery(edits.order_by("-created_at", "-id").values("status")[:1]),
            total=Window(Count("*")),
        )
        .order_by("-created_at", "-id")
        .values_list(*ROW_FIELDS, *EDIT_FIELDS, "total")
    )


_OWN_STORIES = Statement(_own_stories, wrap="{} LIMIT %s OFFSET %s", author_id=int)


def _read(author_id: int, number: int, per_page: int) -> list[tuple]:
    return _OWN_STORIES.rows(author_id=author_id, extra=(per_page, (number - 1) * per_page))


def own_rows(*, author_id: int, number, per_page: int | None = None) -> tuple[Page, list[Row]]:
    """Page `number` (any reader input; past the end means the last) of the author's stories."""
    per_page = per_page or settings.STORIES_PER_PAGE
    try:
        wanted = max(1, int(number))
    except (TypeError, ValueError):
        wanted = 1
    found = _read(author_id, wanted, per_page)
    if not found and wanted > 1:
        first = _read(author_id, 1, per_page)
        wanted = max(1, -(-first[0][-1] // per_page)) if first else 1
        found = _read(author_id, wanted, per_page) if wanted > 1 else first
    total = found[0][-1] if found else 0
    page = Paginator(range(total), per_page).page(wanted)
    return page, [Row(key=_row_key(values[:-1]), values=values[:-1]) for values in found]


@functools.cache
def _template_digest() -> str:
    """A deploy with a changed page template must not serve rows in the old one."""
    source = get_template(PAGE_TEMPLATE).template.source
    return hashlib.sha256(source.encode()).hexdigest()[:12]


def _row_key(values: tuple) -> str:
    shown = (values, timezone.get_current_timezone_name())
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:40]
    return f"my-row:{_template_digest()}:{digest}"


def _story(values: tuple) -> Story:
    named = dict(zip((*ROW_FIELDS, *EDIT_FIELDS), values, strict=True))
    for name in MOMENTS:
        named[name] = as_datetime(named[name])
    # from_db takes the loaded values in the model's own field order.
    loaded = [field.attname for field in Story._meta.concrete_fields if field.attname in named]
    story = Story.from_db(connection.alias, loaded, [named[name] for name in loaded])
    story.pending_edit_sent = named["pending_edit_sent"]
    story.latest_edit_status = named["latest_edit_status"]
    return story


def render_rows(rows: list[Row], *, csrf_token: str) -> SafeString:
    """The markup of `rows`, in order, with this request's CSRF token in their forms."""
    found = caches[ROW_CACHE].get_many([row.key for row in rows])
    rendered = {}
    for row in rows:
        if row.key not in found:
            template = get_template(ROW_TEMPLATE)
            context = {"story": _story(row.values), "csrf_token": CSRF_MARK}
            rendered[row.key] = template.render(context)
    if rendered:
        caches[ROW_CACHE].set_many(rendered, ROW_SECONDS)
    markup = "".join(found.get(row.key) or rendered[row.key] for row in rows)
    return mark_safe(markup.replace(CSRF_MARK, csrf_token))
