"""ORM queries compiled to SQL once per process, then run with each request's values.

The session and the member (kindness.signed_in), the holes, the moderation queue and review
sidebar, My stories and My pledges run the same few queries on every request. Building their
querysets (filters, Exists subqueries, annotations) cost several times what the database took to
answer them: about a millisecond a query on a quiet machine, for SQL that runs in a tenth of that.
A `Statement` builds its queryset once per connection, with stand-ins where a request's values go,
and keeps the compiled SQL (and, for a `.values()` queryset, the ORM's converters); each request
only swaps its own values into the parameters. The SQL is still the ORM's, and anything that must
follow the clock uses the database's (Now()) or takes the moment as a value.
"""

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connections
from django.db.models import Model, QuerySet
from django.utils.dateparse import parse_datetime

# Stand-ins for the values a statement takes: no real id is negative, no real text holds a NUL,
# and no row is dated in 1901. The text stand-in's "_" and "%" change under any LIKE escaping
# (iexact on SQLite), which compiling then refuses, since a request's value would not be escaped.
_FIRST_STAND_IN = -7_346_119_000
_TEXT_STAND_IN = "\x00stand_in%{}"
_FIRST_MOMENT = datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=UTC)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    # For each parameter, the name of the value it takes, or None for the ORM's own constant.
    slots: tuple[str | None, ...]
    params: tuple
    # For a `.values()` queryset: its column names and the ORM's converters; else empty.
    columns: tuple[str, ...]
    converters: dict


class Statement:
    """`build(**stand_ins)` returns the queryset; `rows()`, `row()` and `objects()` run it.

    `kinds` names each value and its type: int (a primary key), float, str (a key such as the
    session's) or datetime (a moment). `build` must use each only as a plain value (`pk=`,
    `member_id=`, `since__lt=`), which the ORM passes to the parameters unchanged: a value it
    transforms (a LIKE pattern, a computed date) would leave its stand-in behind, and compiling
    refuses that. `wrap`, with `{}` for the ORM's SQL, may add what the ORM cannot say; its own
    placeholders take the values passed as `extra`.
    """

    def __init__(self, build: Callable[..., QuerySet], *, wrap: str = "{}", **kinds: type):
        self.build = build
        self.wrap = wrap
        self.kinds = kinds

    def _stand_ins(self) -> dict:
        stand_ins = {}
        for index, (name, kind) in enumerate(self.kinds.items()):
            if kind is int:
                stand_ins[name] = _FIRST_STAND_IN - index
            elif kind is str:
                stand_ins[name] = _TEXT_STAND_IN.format(name)
            elif kind is float:
                stand_ins[name] = _FIRST_STAND_IN - index - 0.5
            elif kind is datetime:
                stand_ins[name] = _FIRST_MOMENT + timedelta(seconds=index)
            else:
                raise TypeError(f"A statement takes int, float, str or datetime values, not {kind}")
        return stand_ins

    # One per statement and connection (a thread's own, under threaded workers, since the
    # converters belong to it), for the process's lifetime.
    @functools.cache  # noqa: B019
    def compiled(self, connection) -> _Compiled:
        stand_ins = self._stand_ins()
        queryset = self.build(**stand_ins)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        by_value = {_key(_adapt(connection, value)): name for name, value in stand_ins.items()}
        slots = tuple(by_value.get(_key(param)) for param in params)
        if missing := set(self.kinds) - set(slots):
            raise ValueError(f"The statement's SQL does not take {', '.join(sorted(missing))}")
        columns, converters = (), {}
        if queryset.query.values_select or queryset.query.annotation_select:
            selected = [column for column, _, _ in compiler.select[: compiler.col_count]]
            named = (*queryset.query.values_select, *queryset.query.annotation_select)
            if len(named) == len(selected):
                columns, converters = named, compiler.get_converters(selected)
        sql, slots, params = _constants_written_in(connection, sql, slots, tuple(params))
        return _Compiled(self.wrap.format(sql), slots, params, columns, converters)

    def bound(self, *, using: str = "default", extra: tuple = (), **values) -> tuple[str, list]:
        """The SQL and its parameters with these values, for a cursor or Model.objects.raw()."""
        connection = connections[using]
        compiled = self.compiled(connection)
        params = [
            constant if slot is None else _adapt(connection, self._value(slot, values[slot]))
            for slot, constant in zip(compiled.slots, compiled.params, strict=True)
        ]
        return compiled.sql, [*params, *(_adapt(connection, value) for value in extra)]

    def _value(self, name: str, value):
        kind = self.kinds[name]
        return value if kind is datetime else kind(value)

    def rows(self, *, using: str = "default", extra: tuple = (), **values) -> list[tuple]:
        """Every row, as the database gives it (moments through `as_datetime`)."""
        sql, params = self.bound(using=using, extra=extra, **values)
        with prepared_cursor(connections[using]) as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def row(self, *, using: str = "default", **values) -> dict | None:
        """The first row of a `.values(...)` statement, converted as the ORM would, or None."""
        connection = connections[using]
        compiled = self.compiled(connection)
        if not compiled.columns:
            raise ValueError("row() reads a statement that selects with .values(...) alone")
        sql, params = self.bound(using=using, **values)
        with prepared_cursor(connection) as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchone()
        if found is None:
            return None
        found = list(found)
        for position, (converters, expression) in compiled.converters.items():
            for converter in converters:
                found[position] = converter(found[position], expression, connection)
        return dict(zip(compiled.columns, found, strict=True))

    def instance(self, model: type[Model], *, using: str = "default", **values) -> Model | None:
        """The row as a `model` instance: build must select the model's concrete fields."""
        found = self.row(using=using, **values)
        if found is None:
            return None
        return model.from_db(using, list(found), list(found.values()))

    def objects(self, model: type[Model], *, extra: tuple = (), **values) -> list:
        """The rows as `model` instances: raw() converts each column as the ORM would, and any
        column that is not a field of the model (an annotation) becomes an attribute."""
        return list(model.objects.raw(*self.bound(extra=extra, **values)))


_PLACEHOLDER = re.compile(r"%%|%s")


def _constants_written_in(connection, sql: str, slots: tuple, params: tuple):
    """On PostgreSQL, the ORM's own constants (a status, a bound) written into the SQL as the
    literals Django's client-side binding sends for every other query, and the request's values
    alone left as parameters. A prepared statement's generic plan then knows them: with
    `status = $1` it could not use a partial index for `status = 'pending'`, and scanned every
    story (the queue's generic plan: 72 ms against 1)."""
    if connection.vendor != "postgresql" or all(slot is not None for slot in slots):
        return sql, slots, params
    taken = iter(zip(slots, params, strict=True))
    kept_slots, kept_params = [], []

    def write(match):
        if match.group() == "%%":
            return "%%"
        slot, param = next(taken)
        if slot is not None:
            kept_slots.append(slot)
            kept_params.append(param)
            return "%s"
        return connection.ops.compose_sql("%s", [param]).replace("%", "%%")

    return _PLACEHOLDER.sub(write, sql), tuple(kept_slots), tuple(kept_params)


def constants_written_in(connection, sql: str, params) -> tuple[str, tuple]:
    """`sql` and the parameters it still takes, with `params`, constants of the code's and
    never a request's values, written in on PostgreSQL (as the ORM's in a Statement)."""
    sql, _, params = _constants_written_in(connection, sql, (None,) * len(params), tuple(params))
    return sql, params


def prepared_cursor(connection):
    # On PostgreSQL, prepared: planned for its first runs on a connection, not every request
    # (kindness.postgresql). SQLite's driver already keeps its recent statements compiled.
    prepared = getattr(connection, "prepared_cursor", None)
    return prepared() if prepared else connection.cursor()


def _adapt(connection, value):
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def _key(param):
    # Compare moments by their text: the same instant in another time zone is another stand-in.
    return (type(param), param) if isinstance(param, int | str) else (str, str(param))


def as_datetime(value) -> datetime | None:
    """A moment read by a raw cursor: SQLite gives naive UTC or text, PostgreSQL an aware one."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = parse_datetime(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
