"""SQL built by the ORM once per process, run with fresh values on every request.

Building a queryset and compiling it costs a moderator's page 0.3 to 1 ms a query, though the SQL
is the same every time but for a few values (a story's id, a moment). A Statement builds its
queryset once per database with stand-in values, finds them among the compiled parameters, and
puts the caller's values in their place on each run. The stand-ins must be values no real call
uses, so that they cannot be confused with the query's own constants.
"""

import threading
from collections.abc import Callable
from datetime import UTC, datetime

from django.db import connections
from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime

# Stand-ins for build(): an id no table reaches, a moment no row holds.
SAMPLE_ID = 2_000_000_011
SAMPLE_MOMENT = datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=UTC)


class Statement:
    def __init__(self, build: Callable[..., QuerySet], wrap: str = "{}", **samples):
        """`build(**samples)` returns the queryset; `wrap` (with `{}` for its SQL) may add what
        the ORM cannot say, its own placeholders taking the values passed to rows() as `extra`."""
        self.build = build
        self.wrap = wrap
        self.samples = samples
        self._compiled: dict[str, tuple[str, list, dict[int, str]]] = {}
        self._lock = threading.Lock()

    def _compile(self, alias: str) -> tuple[str, list, dict[int, str]]:
        compiled = self._compiled.get(alias)
        if compiled is None:
            connection = connections[alias]
            sql, params = self.build(**self.samples).query.get_compiler(alias).as_sql()
            wanted = {_key(_adapt(connection, value)): name for name, value in self.samples.items()}
            slots = {i: wanted[_key(p)] for i, p in enumerate(params) if _key(p) in wanted}
            found = set(slots.values())
            if found != set(self.samples):
                raise ValueError(f"stand-ins not found in the SQL: {set(self.samples) - found}")
            with self._lock:
                compiled = self._compiled[alias] = (self.wrap.format(sql), list(params), slots)
        return compiled

    def bound(self, *, using: str = "default", extra: tuple = (), **values) -> tuple[str, list]:
        """The SQL and its parameters with these values, for a cursor or Model.objects.raw()."""
        sql, params, slots = self._compile(using)
        connection = connections[using]
        params = list(params)
        for index, name in slots.items():
            params[index] = _adapt(connection, values[name])
        return sql, [*params, *(_adapt(connection, value) for value in extra)]

    def rows(self, *, using: str = "default", extra: tuple = (), **values) -> list[tuple]:
        sql, params = self.bound(using=using, extra=extra, **values)
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def objects(self, model, **values) -> list:
        """The rows as `model` instances: raw() converts each column as the ORM would, and any
        column that is not a field of the model (an annotation) becomes an attribute."""
        return list(model.objects.raw(*self.bound(**values)))


def _adapt(connection, value):
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def _key(param):
    # Compare moments by their text: the same instant in another time zone is another stand-in.
    return param if isinstance(param, int | str) else str(param)


def as_datetime(value) -> datetime | None:
    """A moment read by a raw cursor: SQLite gives text in UTC, PostgreSQL an aware datetime."""
    if value is None or isinstance(value, datetime):
        return value if value is None or value.tzinfo else value.replace(tzinfo=UTC)
    parsed = parse_datetime(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
