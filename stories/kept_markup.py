"""Kept markup (cards, practice cards, filter fields) looked up in this process first.

Each piece of markup is named by what it shows (stories.markup_keys): the shared cache (`cards`,
Redis with REDIS_URL) holds it under a digest of those values and of its template. On the first
request after a publish, every card of a list but the new one is found there, yet writing out and
hashing each card's values and unpickling its markup cost a cold list more than rendering the new
card. So each process also keeps the markup it served last under the very values it shows, with
no digest: the same values are the same markup, and any changed value misses, as in the shared
cache. The template is not part of that key: within a process it changes only with debug on, and
then kindness.kept forgets what is kept here (as it does for an edited template).
"""

from collections.abc import Callable, Hashable, Sequence

from django.core.cache import caches

from kindness import kept
from stories.markup_keys import markup_key

CACHE = "cards"
SECONDS = 24 * 60 * 60
# Pieces of markup each process keeps (about 1.5 kB each, with the values that name them).
KEPT_PER_PROCESS = 2_000


def _kept() -> dict:
    return {}


def markup_of(
    prefix: str,
    template: str,
    shown: Sequence[Hashable],
    render: Callable[[int], str],
) -> list[str]:
    """The markup of each of `shown` (the values a piece of `template` shows), in order: kept in
    this process, else from the shared cache, else `render(index)`, which is then kept in both."""
    local = kept.once(("markup", prefix, template), _kept)
    markup = [local.get(values) for values in shown]
    missing = [index for index, found in enumerate(markup) if found is None]
    if not missing:
        return markup
    keys = {index: markup_key(prefix, template, shown[index]) for index in missing}
    found = caches[CACHE].get_many(list(set(keys.values())))
    rendered = {}
    for index, key in keys.items():
        piece = found.get(key) or rendered.get(key)
        if piece is None:
            piece = rendered[key] = render(index)
        markup[index] = piece
    if rendered:
        caches[CACHE].set_many(rendered, SECONDS)
    if len(local) + len(missing) > KEPT_PER_PROCESS:
        local.clear()
    for index in missing:
        local[shown[index]] = markup[index]
    return markup
