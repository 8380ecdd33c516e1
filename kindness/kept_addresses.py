"""Addresses with arguments (a story's, a practice's, a photo's), reversed once per process and
then written by filling in the values.

A list of story cards reversed two to four addresses a card, and Django's reverse() walks its
resolver each time (about 50 us on this machine): a fifth of writing a card. What reverse() makes
of whole numbers and slugs is the pattern's text with each value written in as it is (an int as
its digits, a slug needs no quoting), so the pattern is reversed once with stand-ins, kept under
what reverse() depends on (kindness.kept: the URLconf, the script prefix, the language), and
filled in. A value reverse() would quote or refuse (a negative number, a slug with other
characters) goes through reverse() itself, which answers as it always has.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from kindness import kept

# Django's slug converter's characters, none of which reverse() quotes.
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# No id is this large, and no slug reads like this: each occurs once in a reversed pattern.
_FIRST_NUMBER = 7_346_119_000
_WORD = "zq0stand0in{}"


def _fits(kind: type, value) -> bool:
    if kind is int:
        return type(value) is int and value >= 0
    return type(value) is str and _SLUG.fullmatch(value) is not None


@dataclass(frozen=True)
class Address:
    """`Address("stories:detail", pk=int, slug=str)(pk=3, slug="tea")` is
    `reverse("stories:detail", kwargs={"pk": 3, "slug": "tea"})`; `fixed` values are part of
    the pattern (a photo's size)."""

    view_name: str
    kinds: tuple[tuple[str, type], ...]
    fixed: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, view_name: str, *, fixed: dict[str, str] | None = None, **kinds: type):
        return cls(view_name, tuple(kinds.items()), tuple((fixed or {}).items()))

    def __call__(self, **values) -> str:
        return self.writer()(**values)

    def writer(self) -> Callable[..., str]:
        """The address for any values within one request: the pattern looked up once (a list
        of cards writes one a card)."""
        pattern = kept.once(("address", self), self._pattern)

        def write(**values) -> str:
            if values.keys() != dict(self.kinds).keys() or not all(
                _fits(kind, values[name]) for name, kind in self.kinds
            ):
                return reverse(self.view_name, kwargs={**dict(self.fixed), **values})
            return pattern.format_map(values)

        return write

    def _pattern(self) -> str:
        stand_ins = {
            name: _FIRST_NUMBER + index if kind is int else _WORD.format(index)
            for index, (name, kind) in enumerate(self.kinds)
        }
        address = reverse(self.view_name, kwargs={**dict(self.fixed), **stand_ins})
        pattern = address.replace("{", "{{").replace("}", "}}")
        for name, stand_in in stand_ins.items():
            if pattern.count(str(stand_in)) != 1:
                raise ValueError(f"{self.view_name}: {name} is not written once in {address}")
            pattern = pattern.replace(str(stand_in), "{" + name + "}")
        return pattern
