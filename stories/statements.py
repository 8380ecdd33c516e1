"""ORM queries compiled to SQL once per process, then run with each request's values.

The holes (stories.holes) run on every signed-in page. Building their querysets (Exists
subqueries, annotations) cost more than the database took to answer them: about a millisecond a
hole on a quiet machine, for SQL that runs in a tenth of that. A `Statement` builds its queryset
once, with stand-in integers where a request's ids go, and keeps the compiled SQL; each request
only swaps its own ids into the parameters. The SQL is still the ORM's (`sqlmigrate`-free, no
hand-written vendor SQL), and anything time-dependent uses the database's clock (Now()).
"""

import functools
from collections.abc import Callable

from django.db import connections
from django.db.models import QuerySet

# Stand-ins for the ids a statement takes: negative, so no real row or constant can match one.
_FIRST_STAND_IN = -7_346_119_000


class Statement:
    """`build(**stand_ins)` returns a `.values(...)` queryset; `row(**ids)` runs it for those ids.

    Every argument must be an int (a primary key); `build` must use it only as a plain value
    (`pk=`, `member_id=`), which the ORM passes through to the parameters unchanged.
    """

    def __init__(self, build: Callable[..., QuerySet], *names: str):
        self.build = build
        self.names = names

    @functools.cache  # noqa: B019 - one per statement and database, for the process's lifetime
    def compiled(self, alias: str) -> tuple[str, list[str | None], tuple, list[str]]:
        stand_ins = {name: _FIRST_STAND_IN - index for index, name in enumerate(self.names)}
        queryset = self.build(**stand_ins)
        sql, params = queryset.query.get_compiler(alias).as_sql()
        by_value = {value: name for name, value in stand_ins.items()}
        slots = [by_value.get(param) if type(param) is int else None for param in params]
        missing = set(self.names) - set(slots)
        if missing:
            raise ValueError(f"The statement's SQL does not take {', '.join(sorted(missing))}")
        columns = [*queryset.query.values_select, *queryset.query.annotation_select]
        return sql, slots, tuple(params), columns

    def row(self, *, using: str = "default", **ids: int) -> dict | None:
        sql, slots, params, columns = self.compiled(using)
        values = [
            params[index] if slot is None else int(ids[slot]) for index, slot in enumerate(slots)
        ]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, values)
            found = cursor.fetchone()
        return None if found is None else dict(zip(columns, found, strict=True))
