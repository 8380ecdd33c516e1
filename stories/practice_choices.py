"""The practices as a list page reads them: once a request, for its filters and its cards.

The first list request after a publish read the practices three times (the filter's choice by
slug, the filter's markup, the cards' practice links joined to their names), each built as a
queryset. One statement (kindness.statements) reads them all, in the order the site shows them;
the filter form validates against it and the cards name their practices from it. Read on every
request, so a renamed or added practice shows at once; or, for a page rendered for the versions
the request read, kept in the page cache under the practices version: only a practice added,
renamed, moved or deleted moves it (stories.freshness), where every publish moves the content
version. Kept under the content version, they were read again by the first render of every
page after each publish (a quarter of a millisecond on PostgreSQL, of the six such a list
page takes), and by the first search for a word no process has searched.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.cache import caches

from kindness.statements import Statement
from stories.caching import PAGE_CACHE, PAGE_SECONDS
from stories.models import Practice

_PRACTICES = Statement(
    lambda: Practice.objects.order_by("position", "name").values_list("id", "slug", "name")
)


@dataclass(frozen=True)
class Practices:
    # (id, slug, name), by position then name, as Practice.Meta.ordering.
    rows: tuple[tuple[int, str, str], ...]

    @cached_property
    def by_id(self) -> dict[int, tuple[int, str, str]]:
        return {row[0]: row for row in self.rows}

    @cached_property
    def by_slug(self) -> dict[str, tuple[int, str, str]]:
        return {row[1]: row for row in self.rows}

    @cached_property
    def _rank(self) -> dict[int, int]:
        return {row[0]: rank for rank, row in enumerate(self.rows)}

    def choices(self) -> list[tuple[str, str]]:
        return [(slug, name) for _, slug, name in self.rows]

    def practice(self, slug: str) -> Practice | None:
        """The practice of this slug, with its id, slug and name (all a list reads of it)."""
        row = self.by_slug.get(slug)
        if row is None:
            return None
        # Its other fields deferred: read from the database if anything asks for them.
        values = dict(zip(("id", "slug", "name"), row, strict=True))
        names = [
            field.attname for field in Practice._meta.concrete_fields if field.attname in values
        ]
        return Practice.from_db("default", names, [values[name] for name in names])

    def named(self, ids: str | None) -> list[tuple[str, str]]:
        """(slug, name) of the practices among `ids` (comma-separated), in the site's order."""
        if not ids:
            return []
        rank = self._rank
        known = [int(pk) for pk in ids.split(",") if int(pk) in rank]
        return [self.by_id[pk][1:] for pk in sorted(known, key=rank.__getitem__)]


def read(version: int | None = None) -> Practices:
    """The practices now; with `version`, those read at that practices version
    (stories.caching.practices_version_read)."""
    if version is None:
        return _read()
    key = f"practices:{version}"
    practices = caches[PAGE_CACHE].get(key)
    if practices is None:
        practices = _read()
        caches[PAGE_CACHE].set(key, practices, PAGE_SECONDS)
    return practices


def _read() -> Practices:
    return Practices(rows=tuple(tuple(row) for row in _PRACTICES.rows()))
