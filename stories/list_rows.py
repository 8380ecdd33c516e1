"""The (id, sort key) rows of a page of the reader list, by statements built once per process.

A list page reads the ids of its stories (stories.paging), over the list's index, before their
cards. Building that queryset afresh (the filters, the position's tuple comparison, the order,
the compiling) cost the first request after every publish more than the database took to answer.
Here each shape of a list of stories newest first (which filters, by position or by number, the
page's size) is a statement (kindness.statements) built once per process and connection, and each
request puts in its values: the filters' values, the position, the day's bound, the offset. A
tag's kept list alone is read by its own statements (stories.tag_lists); narrowed by other
filters, and the lists by thanks, still build their queryset (see ListRows.rows).

Run on the connection's ordinary cursor, as the queryset was: the database sees the same SQL with
the same values written in and plans it as before, for each value (a list by a rare setting and
one by a common setting may well want different plans).
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan

from kindness.statements import Statement, as_datetime
from stories import tag_lists
from stories.models import Story, TagListing

# The kind of value each filter takes, by the last part of its lookup.
_KINDS = {"practices": int, "setting": str, "perspective": str, "slug": str}


@dataclass(frozen=True)
class ListRows:
    """The stories of a reader list: published stories, or a tag's kept list (`tagged`,
    stories.kept_models.TagListing), with `filters` as (lookup, value) pairs; or a member's
    public page (`member`, their id): their published stories but the anonymous ones."""

    tagged: bool
    filters: tuple[tuple[str, int | str], ...] = ()
    # A list known to hold nothing (a tag no story has).
    empty: bool = False
    member: int | None = None

    def queryset(self) -> QuerySet:
        """The same rows as a queryset."""
        if self.tagged:
            stories = TagListing.objects.filter(**dict(self.filters))
        else:
            stories = _published(
                tuple(lookup for lookup, _ in self.filters), self._values(), member=self.member
            )
        return stories.none() if self.empty else stories

    def bounded_count(self, most: int) -> int:
        """How many stories the list holds, counted no further than `most`."""
        if self.empty:
            return 0
        if (tag_id := self._tag_alone()) is not None:
            return tag_lists.bounded_count(tag_id, most)
        if self.tagged:
            return self.queryset().order_by().values("story_id")[:most].count()
        statement = _count_statement(
            tuple(lookup for lookup, _ in self.filters), member=self.member is not None
        )
        sql, params = statement.bound(extra=(most,), **self._values())
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]

    def _values(self) -> dict:
        """The filters' values (and the member's id) as the statements name them."""
        values = {f"filter{index}": value for index, (_, value) in enumerate(self.filters)}
        if self.member is not None:
            values["member"] = self.member
        return values

    def _tag_alone(self) -> int | None:
        """The tag of a tag's kept list that no other filter narrows (stories.tag_lists reads
        it), else None."""
        if self.tagged and not self.empty and len(self.filters) == 1:
            ((lookup, value),) = self.filters
            if lookup == "tag_id":
                return int(value)
        return None

    def rows(
        self,
        order,
        *,
        limit: int,
        offset: int = 0,
        position=None,
        upwards: bool = False,
        before: datetime | None = None,
    ) -> list[tuple[int, object]]:
        """Up to `limit` rows in the list's order (reversed `upwards`): after `position`'s
        (`upwards`: before it), or from the `offset`th on; `before` a moment, when given."""
        if self.empty:
            return []
        tag_id = self._tag_alone()
        if tag_id is not None and order.field == "published_at" and before is None:
            return tag_lists.page_rows(
                tag_id,
                limit=limit,
                offset=offset,
                beyond=(position.value, position.pk) if position is not None else None,
                upwards=upwards,
            )
        if self.tagged or order.field != "published_at":
            # A tag's tag_id and a count of thanks are 32-bit columns, which the ORM types as
            # such, and no statement's stand-in fits them: these lists build their queryset.
            return _queryset_rows(
                self.queryset(),
                order,
                "story_id" if self.tagged else "pk",
                limit=limit,
                offset=offset,
                position=position,
                upwards=upwards,
                before=before,
            )
        statement = _statement(
            tuple(lookup for lookup, _ in self.filters),
            order,
            limit,
            keyset=position is not None,
            upwards=upwards,
            by_day=before is not None,
            member=self.member is not None,
        )
        values = self._values()
        if position is not None:
            values |= {"key": position.value, "pk": position.pk}
        if before is not None:
            values["before"] = before
        sql, params = statement.bound(extra=() if position is not None else (offset,), **values)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall()
        return [(pk, as_datetime(key)) for pk, key in found]


def in_list_order(stories, order, story_id: str, *, position=None, upwards=False, before=None):
    """`stories` in the list's order (reversed `upwards`), over its index: after `position`, a
    (key, id) pair (`upwards`: before it), and published before `before`, when given."""
    if position is not None:
        beyond = TupleGreaterThan if upwards else TupleLessThan
        stories = stories.filter(beyond(Tuple(F(order.field), F(story_id)), position))
    if before is not None:
        stories = stories.filter(published_at__lt=before)
    if upwards:
        return stories.order_by(F(order.field).asc(), F(story_id).asc())
    return stories.order_by(F(order.field).desc(), F(story_id).desc())


def _queryset_rows(
    stories, order, story_id: str, *, limit, offset, position, upwards, before
) -> list[tuple[int, object]]:
    key = (position.value, position.pk) if position is not None else None
    stories = in_list_order(stories, order, story_id, position=key, upwards=upwards, before=before)
    return list(stories.values_list(story_id, order.field)[offset : offset + limit])


def _kind(lookup: str) -> type:
    return _KINDS[lookup.rsplit("__", 1)[-1]]


def _published(lookups: tuple[str, ...], values: dict, *, member: bool) -> QuerySet:
    """The published stories the filters named by `lookups` keep, with their `values`; a
    member's public page with `member` (their id among the values)."""
    stories = Story.objects.published()
    for index, lookup in enumerate(lookups):
        stories = stories.filter(**{lookup: values[f"filter{index}"]})
    if member:
        stories = stories.filter(author_id=values["member"], is_anonymous=False)
    return stories


def _kinds(lookups: tuple[str, ...], *, member: bool) -> dict[str, type]:
    kinds = {f"filter{index}": _kind(lookup) for index, lookup in enumerate(lookups)}
    if member:
        kinds["member"] = int
    return kinds


@cache
def _count_statement(lookups: tuple[str, ...], *, member: bool) -> Statement:
    """The list's stories counted no further than a bound, the statement's one extra value."""
    return Statement(
        lambda **values: _published(lookups, values, member=member).order_by().values("pk"),
        wrap="SELECT COUNT(*) FROM ({} LIMIT %s) AS listed",
        **_kinds(lookups, member=member),
    )


@cache
def _statement(
    lookups: tuple[str, ...],
    order,
    limit: int,
    *,
    keyset: bool,
    upwards: bool,
    by_day: bool,
    member: bool = False,
) -> Statement:
    kinds = _kinds(lookups, member=member)
    if keyset:
        kinds |= {"key": datetime, "pk": int}
    if by_day:
        kinds["before"] = datetime

    def build(**values):
        stories = _published(lookups, values, member=member)
        stories = in_list_order(
            stories,
            order,
            "pk",
            position=(values["key"], values["pk"]) if keyset else None,
            upwards=upwards,
            before=values["before"] if by_day else None,
        )
        return stories.values_list("pk", order.field)[:limit]

    return Statement(build, wrap="{}" if keyset else "{} OFFSET %s", **kinds)
