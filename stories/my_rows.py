"""The rows of My stories: one statement reads them, each row renders once per version of itself.

As stories.kept_rows says, a row's key is a digest of everything the "row" partial of
templates/stories/mine.html shows: the title, the status and the reason for a rejection (which
decide the buttons), the dates, the thanks count, the moderators' note, the date of an edit
waiting for review and the status of the latest edit, the time zone, and the template itself.

The statement (the page of stories, their edits and the total for the pager) is built by the ORM
once per process (kindness.statements): building it on every request cost several times what the
database takes to answer it.

Rows hold an author's drafts and notes. They are looked up only through the author's own list
query, so a member can only ever be handed rows of their own stories.
"""

from functools import cache

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, OuterRef, Subquery, Window
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe

from kindness.statements import Statement, as_datetime
from stories.kept_rows import KeptRows
from stories.models import Story, StoryRevision

ROWS = KeptRows("my-row", "stories/mine.html", "row")
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


def own_rows(*, author_id: int, number, per_page: int | None = None) -> tuple[Page, list[tuple]]:
    """Page `number` (any reader input; past the end means the last) of the author's stories:
    each row is the values it shows."""
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
    return page, [values[:-1] for values in found]


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


def render_rows(rows: list[tuple], *, csrf_token: str) -> SafeString:
    """The markup of `rows`, in order, with this request's CSRF token in their forms."""
    return ROWS.render(
        rows, context=lambda values: {"story": _story(values)}, csrf_token=csrf_token
    )


def render_listing(page: Page, rows: list[tuple], *, csrf_token: str) -> SafeString:
    """The list part of My stories: the rows and the pager, or the words for an empty list."""
    if not rows:
        return _empty_listing(get_script_prefix())
    context = {"rows": render_rows(rows, csrf_token=csrf_token), "page": page}
    return mark_safe(get_template("stories/mine.html#listing").render(context))


@cache
def _empty_listing(script_prefix: str) -> SafeString:
    """The same for every author: rendered once per process (and prefix of its links)."""
    return mark_safe(get_template("stories/mine.html#listing").render({"rows": ""}))
