"""Pages of stories that never count every story, and whose depth costs an index seek only.

A list with a kept count (stories.tallies: every story, a practice, a setting, a point of view)
takes its total from it. Any other list (a tag, a member's stories) counts at
most a few pages past the one asked for: the reader then sees "more than N" rather than a total.

The reader lists link from page to page by position, not by number (`keyset_page`): "Older"
carries the sort key and id of the page's last story (`?before=<token>`), "Newer" those of its
first (`?after=<token>`), and the page is the next stories that way in the list's index: one seek,
so page 20,000 costs what page 1 costs, and a story published or withdrawn between two requests
neither repeats a story nor skips one. The token also carries the page's number, so the reader
still sees where they are ("Page 2,001 of 5,000", and the date the page starts from): counted
when the link was made, it can be a page off after a publish, which no reader can tell from a
list that grew. A token is checked before use; one that does not parse is a 404, never a query.

Numbered pages (`?page=N`, the old links in bookmarks and search engines) are still served by
number (`numbered_page`): each reads its ids over the list's covering index, skipping (N - 1)
pages of index entries; the list of every story newest first skips only the stories of the day
its page starts in, which the kept counts per day place (stories.tallies). Their "Older" and
"Newer" links are positions too.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from functools import cached_property

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connection
from django.http import Http404, QueryDict

from stories import tallies
from stories.cards import cards_for
from stories.list_rows import ListRows
from stories.practice_choices import Practices

# How many pages past the requested one a bounded count looks for.
LOOKAHEAD_PAGES = 10
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# A token's parts: the order's letter and page number, then its sort key and id in base 36.
TOKEN = re.compile(r"([nt])([1-9][0-9]{0,6})-(0|[1-9a-z][0-9a-z]{0,12})-([1-9a-z][0-9a-z]{0,12})")
LARGEST_ID = 2**63 - 1


@dataclass(frozen=True)
class Order:
    """A list order the index serves: its key field, descending, then id descending."""

    letter: str
    field: str
    # The largest key a token may carry (beyond it the database would refuse the value).
    largest: int

    def key_of(self, value) -> int:
        if self.field == "published_at":
            return (value - EPOCH) // timedelta(microseconds=1)
        return int(value)

    def value_of(self, key: int):
        if self.field == "published_at":
            return EPOCH + timedelta(microseconds=key)
        return key


# Up to the last day of year 9999, in microseconds.
NEWEST = Order("n", "published_at", 253_402_214_400 * 1_000_000)
THANKED = Order("t", "thanks_count", 2**31 - 1)


@dataclass(frozen=True)
class Position:
    """A story's place in a list (its key and id), where page `number` starts or ends."""

    order: Order
    number: int
    value: object
    pk: int

    @property
    def token(self) -> str:
        # No story is dated before 1970; a key below zero would have no digits to write.
        key = base36(max(0, self.order.key_of(self.value)))
        return f"{self.order.letter}{self.number}-{key}-{base36(self.pk)}"


def base36(number: int) -> str:
    """A position token's digits: short, and safe in a query string."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = digits[digit] + text
        if not number:
            return text


def position_of(token: str, order: Order) -> Position:
    """The position a token names, or Http404 when it is not one this list could have made."""
    matched = TOKEN.fullmatch(token)
    if matched is None or matched[1] != order.letter:
        raise Http404("No such page of stories.")
    number, key, pk = int(matched[2]), int(matched[3], 36), int(matched[4], 36)
    if number < 2 or key > order.largest or pk > LARGEST_ID:
        raise Http404("No such page of stories.")
    return Position(order=order, number=number, value=order.value_of(key), pk=pk)


@dataclass
class StoriesPage:
    """One page of a reader list, with the links to its neighbours."""

    object_list: list
    order: Order
    number: int
    per_page: int
    # The list's total when it is known (a kept count, or a bounded one: `is_bounded`).
    count: int | None
    is_bounded: bool
    older: Position | None
    newer: Position | None
    # The key of the page's first story, shown on pages reached by position ("from <date>").
    since: object = None
    older_href: str = ""
    newer_href: str = ""

    @property
    def num_pages(self) -> int | None:
        if self.count is None:
            return None
        return max(self.number, -(-self.count // self.per_page))

    @property
    def since_date(self) -> datetime | None:
        return self.since if self.order is NEWEST else None

    @property
    def since_thanks(self) -> int | None:
        return self.since if self.order is THANKED else None

    @property
    def has_other_pages(self) -> bool:
        return self.number > 1 or self.older is not None

    @property
    def has_newer(self) -> bool:
        return self.number > 1

    def link(self, path: str, params: QueryDict) -> None:
        """Fill in the hrefs of "Newer" and "Older" for the list at `path` with `params`:
        "Older" starts after the page's last story, "Newer" ends before its first (page 2's
        "Newer" is the first page itself)."""
        self.newer_href = _href(path, params, "after", self.newer)
        if self.older is not None:
            self.older_href = _href(path, params, "before", self.older)


def _href(path: str, params: QueryDict, name: str, position: Position | None) -> str:
    query = params.copy()
    for taken in ("page", "before", "after"):
        query.pop(taken, None)
    if position is not None:
        query[name] = position.token
    encoded = query.urlencode()
    return f"{path}?{encoded}" if encoded else path


def _story_id(stories) -> str:
    """Where a list's rows name their story: a Story's pk, or a kept list's `list_id`
    (stories.kept_models.TagListing)."""
    return getattr(stories.model, "list_id", "pk")


def _page(
    rows: list,
    *,
    has_older: bool,
    order: Order,
    number: int,
    practices: Practices | None = None,
    **shown,
):
    """The page of `rows`, newest first, linked to its neighbours."""
    older = newer = None
    if has_older and rows:
        pk, value = rows[-1]
        older = Position(order=order, number=number + 1, value=value, pk=pk)
    if rows and number > 2:
        pk, value = rows[0]
        newer = Position(order=order, number=number - 1, value=value, pk=pk)
    return StoriesPage(
        object_list=cards_for([pk for pk, _ in rows], practices=practices),
        order=order,
        number=number,
        older=older,
        newer=newer,
        **shown,
    )


def keyset_page(
    stories: ListRows,
    *,
    order: Order,
    token: str,
    per_page: int,
    count: int | None = None,
    upwards: bool = False,
    practices: Practices | None = None,
) -> StoriesPage:
    """The page after the position `token` names (`?before=`), or before it (`?after=`,
    `upwards`), in one seek of the list's index; Http404 for a token that names none.

    Upwards, one more row than a page says a newer page is still above; with fewer, the page
    is the first one, served as such. Bounded lists are not counted here: that count starts from
    the top, as deep as the page.
    """
    position = position_of(token, order)
    number = position.number
    rows = stories.rows(order, limit=per_page + 1, position=position, upwards=upwards)
    if upwards:
        if len(rows) <= per_page:
            return numbered_page(
                stories,
                order=order,
                number=1,
                per_page=per_page,
                count=count,
                practices=practices,
            )
        rows, has_older, number = rows[:per_page][::-1], True, max(2, number)
    else:
        rows, has_older = rows[:per_page], len(rows) > per_page
    return _page(
        rows,
        has_older=has_older,
        order=order,
        number=number,
        per_page=per_page,
        count=count,
        is_bounded=False,
        since=rows[0][1] if rows else position.value,
        practices=practices,
    )


def numbered_page(
    stories: ListRows,
    *,
    order: Order,
    number,
    per_page: int,
    count: int | None = None,
    by_day: bool = False,
    place: tallies.DayPlace | None = None,
    practices: Practices | None = None,
) -> StoriesPage:
    """The page `number` (any reader input, as `?page=` gave it), counted from the top.

    `by_day`, for the list of every story newest first: the kept count of each day's stories
    (stories.tallies.day_of_rank) says which day the page starts in, so only that day's
    stories above it are skipped, not every story above it; `place` when already read."""
    # Only a list without a kept count is counted (ListRows.bounded_count).
    paginator = StoryPaginator(stories, per_page, count=count, number=number)
    try:
        number = paginator.validate_number(number)
    except PageNotAnInteger:
        number = 1
    except EmptyPage:
        number = paginator.num_pages
    bottom = (number - 1) * per_page
    midnight = None
    if by_day and bottom and (place is None or place.skip != bottom):
        place = tallies.day_of_rank(connection, bottom)
    if by_day and bottom and place is not None:
        midnight = datetime.combine(place.day, time(), UTC) + timedelta(1)
        bottom -= place.newer
    rows = stories.rows(order, limit=per_page + 1, offset=bottom, before=midnight)
    return _page(
        rows[:per_page],
        has_older=len(rows) > per_page,
        order=order,
        number=number,
        per_page=per_page,
        count=paginator.count,
        is_bounded=paginator.is_bounded,
        practices=practices,
    )


def skipped(number, per_page: int) -> int:
    """How many stories lie above page `number` (any reader input), as asked."""
    try:
        return max(0, int(number) - 1) * per_page
    except (TypeError, ValueError):
        return 0


class StoryPaginator(Paginator):
    def __init__(
        self,
        stories,
        per_page: int,
        *,
        count: int | None,
        number,
        practices: Practices | None = None,
    ):
        super().__init__(stories, per_page)
        self._kept_count = count
        self._number = number
        self._practices = practices
        self.is_bounded = False

    @cached_property
    def count(self) -> int:
        if self._kept_count is not None:
            return self._kept_count
        try:
            number = max(1, int(self._number))
        except (TypeError, ValueError):
            number = 1
        bound = (number + LOOKAHEAD_PAGES) * self.per_page
        stories = self.object_list
        if isinstance(stories, ListRows):
            counted = stories.bounded_count(bound + 1)
        else:
            counted = stories.order_by().values(_story_id(stories))[: bound + 1].count()
        self.is_bounded = counted > bound
        return min(counted, bound)

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if isinstance(self.object_list, ListRows):  # newest first
            rows = self.object_list.rows(NEWEST, limit=self.per_page, offset=bottom)
            ids = [pk for pk, _ in rows]
        else:
            stories = self.object_list.prefetch_related(None)
            ids = list(stories.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        # The ids come from the list's own query: their cards need only the published check,
        # which cards_for's prebuilt statement makes.
        return self._get_page(cards_for(ids, practices=self._practices), number, self)


def page_of(
    stories, *, per_page: int, number, count: int | None = None, practices: Practices | None = None
) -> Page:
    """The page `number` (any reader input) of `stories`; `count` when a tally keeps it,
    `practices` when the request has read them."""
    paginator = StoryPaginator(stories, per_page, count=count, number=number, practices=practices)
    return paginator.get_page(number)
