"""My pledges in one statement, each row's markup kept on a digest of what it shows.

The statement: each active pledge with its practice and the story written from it (one at most:
stories_story.pledge_id is unique, so the join repeats no pledge), built by the ORM once per
process (kindness.statements). Building the querysets on every visit cost several times what the
database takes to answer; the statement's only variable is the member.

The rows (stories.kept_rows): a row's key holds everything the "pledge" partial of
templates/pledges/mine.html shows: the practice, the dates, the story's title and status, and
whether the member takes reminders. A new value is a new key, so the page is as fresh as its
query, which runs on every request.
"""

from functools import cache

from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe

from kindness.statements import Statement, as_datetime
from pledges.models import Pledge
from stories.kept_rows import KeptRows
from stories.models import Practice, Story

ROWS = KeptRows("my-pledge", "pledges/mine.html", "pledge")
SHOWN = (
    "id",
    "practice__slug",
    "practice__name",
    "created_at",
    "remind_at",
    "reminded_at",
    "stories__id",
    "stories__title",
    "stories__status",
)

_ACTIVE_PLEDGES = Statement(
    lambda *, member_id: (
        Pledge.objects.active()
        .filter(member_id=member_id)
        .order_by("-created_at", "-id")
        .values_list(*SHOWN)
    ),
    member_id=int,
)


def active_pledges(*, member_id: int) -> list[tuple]:
    """The member's active pledges, newest first: each the values its row shows (SHOWN)."""
    return _ACTIVE_PLEDGES.rows(member_id=member_id)


def render_pledges(rows: list[tuple], *, reminders: bool, csrf_token: str) -> SafeString:
    """The markup of the rows, in order, for a member who does or does not take reminders."""
    return ROWS.render(
        [(*values, reminders) for values in rows], context=_context, csrf_token=csrf_token
    )


def render_listing(rows: list[tuple], *, reminders: bool, csrf_token: str) -> SafeString:
    """The list part of My pledges: the rows, or the words for an empty list."""
    if not rows:
        return _partial("listing", get_script_prefix())
    markup = render_pledges(rows, reminders=reminders, csrf_token=csrf_token)
    return mark_safe(get_template("pledges/mine.html#listing").render({"rows": markup}))


def reminders_note(*, reminders: bool) -> SafeString:
    """What the page's introduction adds for a member who turned the reminders off."""
    return mark_safe("") if reminders else _partial("reminders_off", get_script_prefix())


@cache
def _partial(name: str, script_prefix: str) -> SafeString:
    """A partial of the page that shows nothing of the member: rendered once per process (and
    prefix its links are reversed under)."""
    return mark_safe(get_template(f"pledges/mine.html#{name}").render({}))


def _context(values: tuple) -> dict:
    (pk, slug, name, created, remind, reminded, story_id, title, status, reminders) = values
    pledge = Pledge(
        id=pk,
        created_at=as_datetime(created),
        remind_at=as_datetime(remind),
        reminded_at=as_datetime(reminded),
    )
    pledge.practice = Practice(name=name, slug=slug)
    story = Story(id=story_id, title=title, status=status) if story_id else None
    return {"pledge": pledge, "story": story, "reminders": reminders}
