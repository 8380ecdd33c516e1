"""Pages of stories that never count every story, and whose depth costs an index seek only.

A list with a kept count (stories.tallies: every story, a practice, a setting, a point of view)
takes its total from it. Any other list (a tag, combined filters, a member's stories) counts at
most a few pages past the one asked for: the reader then sees "more than N" rather than a total.

The reader lists link from page to page by position, not by number (`keyset_page`): "Older"
carries the sort key and id of the page's last story (`?before=<token>`), and the next page is
the stories after it in the list's index, so page 20,000 costs what page 2 costs, and a story
published or withdrawn between two requests neither repeats a story nor skips one. "Newer"
carries the position of the page above, found by the same seek upwards. The token also carries
the page's number, so the reader still sees where they are ("Page 2,001 of 5,000", and the date
the page starts from): counted when the link was made, it can be a page off after a publish,
which no reader can tell from a list that grew. A token is checked before use; one that does
not parse is a 404, never a query.

Numbered pages (`?page=N`, the old links in bookmarks and search engines) are still served by
number (`page_of`): each reads its ids over the list's covering index, skipping (N - 1) pages of
index entries. Their "Older" and "Newer" links are positions too.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import F
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThanOrEqual, TupleLessThan
from django.http import Http404, QueryDict

from kindness.statements import as_datetime
from stories.cards import cards_for

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
ORDERS = {order.letter: order for order in (NEWEST, THANKED)}


@dataclass(frozen=True)
class Position:
    """Where a page starts: after the story with this key and id, as page `number`."""

    order: Order
    number: int
    value: object
    pk: int

    @property
    def token(self) -> str:
        key = _base36(self.order.key_of(self.value))
        return f"{self.order.letter}{self.number}-{key}-{_base36(self.pk)}"


def _base36(number: int) -> str:
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
        """Fill in the hrefs of "Newer" and "Older" for the list at `path` with `params`."""
        self.newer_href = _href(path, params, self.newer)
        if self.older is not None:
            self.older_href = _href(path, params, self.older)


def _href(path: str, params: QueryDict, position: Position | None) -> str:
    query = params.copy()
    for name in ("page", "before"):
        query.pop(name, None)
    if position is not None:
        query["before"] = position.token
    encoded = query.urlencode()
    return f"{path}?{encoded}" if encoded else path


def _keyed(stories, order: Order):
    """(id, key) rows of `stories` in the list's order, over its index."""
    return (
        stories.prefetch_related(None)
        .order_by(F(order.field).desc(), F("pk").desc())
        .values_list("pk", order.field)
    )


def _rows_around(stories, position: "Position", per_page: int) -> tuple[list, list]:
    """One page and one more after `position`, newest first, and per_page + 1 rows from it
    upwards, oldest first (the page above and its own position): two index seeks, one query."""
    order, key = position.order, Tuple(F(position.order.field), F("pk"))
    values = (position.value, position.pk)
    below = _keyed(stories.filter(TupleLessThan(key, values)), order)[: per_page + 1]
    above = (
        stories.prefetch_related(None)
        .filter(TupleGreaterThanOrEqual(key, values))
        .order_by(F(order.field).asc(), F("pk").asc())
        .values_list("pk", order.field)[: per_page + 1]
    )
    below_sql, below_params = below.query.sql_with_params()
    above_sql, above_params = above.query.sql_with_params()
    # The ORM cannot put a LIMIT inside a UNION on SQLite; a subquery in FROM can.
    sql = (
        f"SELECT 0, below.* FROM ({below_sql}) AS below "
        f"UNION ALL SELECT 1, above.* FROM ({above_sql}) AS above"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*below_params, *above_params])
        found = cursor.fetchall()
    convert = as_datetime if order.field == "published_at" else int
    rows = [(side, pk, convert(value)) for side, pk, value in found]
    older = sorted(((pk, v) for side, pk, v in rows if not side), key=_sort_key, reverse=True)
    newer = sorted(((pk, v) for side, pk, v in rows if side), key=_sort_key)
    return older, newer


def _sort_key(row: tuple) -> tuple:
    pk, value = row
    return value, pk


def _page(rows: list, above: list, stories, *, order: Order, number: int, per_page: int, **shown):
    """The page of `rows` (one more than a page when there is an older one); `above` holds the
    rows above it, nearest first: one more than a page when the page above is not the first."""
    page_rows = rows[:per_page]
    older = newer = None
    if len(rows) > per_page:
        pk, value = page_rows[-1]
        older = Position(order=order, number=number + 1, value=value, pk=pk)
    if len(above) > per_page:
        pk, value = above[per_page]
        newer = Position(order=order, number=max(2, number - 1), value=value, pk=pk)
    ids = [pk for pk, _ in page_rows]
    return StoriesPage(
        object_list=cards_for(ids, stories=stories.prefetch_related(None)),
        order=order,
        number=number,
        per_page=per_page,
        older=older,
        newer=newer,
        **shown,
    )


def keyset_page(
    stories, *, order: Order, token: str, per_page: int, count: int | None = None
) -> StoriesPage:
    """The page after the position `token` names (Http404 for a token that names none).

    Bounded lists are not counted here: that count starts from the top, as deep as the page.
    """
    position = position_of(token, order)
    rows, above = _rows_around(stories, position, per_page)
    return _page(
        rows,
        above,
        stories,
        order=order,
        number=position.number,
        per_page=per_page,
        count=count,
        is_bounded=False,
        since=rows[0][1] if rows else position.value,
    )


def numbered_page(
    stories, *, order: Order, number, per_page: int, count: int | None = None
) -> StoriesPage:
    """The page `number` (any reader input, as `?page=` gave it), counted from the top, read
    with the page above it and its position (the "Newer" link) in one slice of the index."""
    keyed = _keyed(stories, order)
    paginator = StoryPaginator(keyed, per_page, count=count, number=number)
    try:
        number = paginator.validate_number(number)
    except PageNotAnInteger:
        number = 1
    except EmptyPage:
        number = paginator.num_pages
    bottom = (number - 1) * per_page
    top = max(0, bottom - per_page - 1)
    rows = list(keyed[top : bottom + per_page + 1])
    above = rows[: bottom - top][::-1]
    return _page(
        rows[bottom - top :],
        above,
        stories,
        order=order,
        number=number,
        per_page=per_page,
        count=paginator.count,
        is_bounded=paginator.is_bounded,
    )


class StoryPaginator(Paginator):
    def __init__(self, stories, per_page: int, *, count: int | None, number):
        super().__init__(stories, per_page)
        self._kept_count = count
        self._number = number
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
        counted = self.object_list.order_by().values("pk")[: bound + 1].count()
        self.is_bounded = counted > bound
        return min(counted, bound)

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        stories = self.object_list.prefetch_related(None)
        ids = list(stories.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        return self._get_page(cards_for(ids, stories=stories), number, self)


def page_of(stories, *, per_page: int, number, count: int | None = None) -> Page:
    """The page `number` (any reader input) of `stories`; `count` when a tally keeps it."""
    return StoryPaginator(stories, per_page, count=count, number=number).get_page(number)
