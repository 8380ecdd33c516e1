"""ORM queries compiled to SQL once per process, then run with each request's values.

The session and the member (kindness.signed_in) and the holes (stories.holes) are read on every
signed-in page. Building their querysets (filters, Exists subqueries, annotations) cost several
times what the database took to answer them: about a millisecond a query on a quiet machine, for
SQL that runs in a tenth of that. A `Statement` builds its queryset once, with stand-ins where a
request's values go, and keeps the compiled SQL and the ORM's converters; each request only swaps
its own values into the parameters. The SQL is still the ORM's, and anything time-dependent uses
the database's clock (Now()), since no moment of ours can be frozen into it.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections
from django.db.models import Model, QuerySet

# Stand-ins for the values a statement takes: no real id is negative, no real text holds a NUL,
# and the text stand-in's "_" and "%" change under any LIKE escaping (iexact on SQLite), which
# compiling then refuses, since a request's value would not be escaped.
_FIRST_STAND_IN = -7_346_119_000
_TEXT_STAND_IN = "\x00stand_in%{}"


@dataclass(frozen=True)
class _Compiled:
    sql: str
    # For each parameter, the name of the value it takes, or None for the ORM's own constant.
    slots: tuple[str | None, ...]
    params: tuple
    columns: tuple[str, ...]
    converters: dict


class Statement:
    """`build(**stand_ins)` returns a `.values(...)` queryset; `row(**values)` runs it.

    `kinds` names each value and its type, int (a primary key) or str (a key such as the
    session's). `build` must use each only as a plain value (`pk=`, `member_id=`,
    `session_key=`), which the ORM passes to the parameters unchanged: a value it transforms
    (a date, a LIKE pattern) would leave its stand-in behind, and compiling refuses that.
    """

    def __init__(self, build: Callable[..., QuerySet], **kinds: type):
        self.build = build
        self.kinds = kinds

    def _stand_ins(self) -> dict:
        return {
            name: _FIRST_STAND_IN - index if kind is int else _TEXT_STAND_IN.format(name)
            for index, (name, kind) in enumerate(self.kinds.items())
        }

    # One per statement and connection (a thread's own, under threaded workers, since the
    # converters belong to it), for the process's lifetime.
    @functools.cache  # noqa: B019
    def compiled(self, connection) -> _Compiled:
        stand_ins = self._stand_ins()
        queryset = self.build(**stand_ins)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        by_value = {(type(value), value): name for name, value in stand_ins.items()}
        slots = tuple(by_value.get((type(param), param)) for param in params)
        if missing := set(self.kinds) - set(slots):
            raise ValueError(f"The statement's SQL does not take {', '.join(sorted(missing))}")
        selected = [column for column, _, _ in compiler.select[: compiler.col_count]]
        columns = (*queryset.query.values_select, *queryset.query.annotation_select)
        if len(columns) != len(selected):
            raise ValueError("A statement selects with .values(...) alone")
        return _Compiled(sql, slots, tuple(params), columns, compiler.get_converters(selected))

    def row(self, *, using: str = "default", **values) -> dict | None:
        connection = connections[using]
        compiled = self.compiled(connection)
        params = [
            constant if slot is None else self.kinds[slot](values[slot])
            for slot, constant in zip(compiled.slots, compiled.params, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
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
