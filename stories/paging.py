"""Pages of stories that never count every story, and whose depth costs an index walk only.

A list with a kept count (stories.tallies: every story, a practice, a setting, a point of view)
takes its total from it. Any other list (a tag, combined filters, a member's stories) counts at
most a few pages past the one asked for: the reader then sees "more than N" rather than a total.

Each page first reads the ids of its stories over the list's covering index, then what their
cards show (stories.cards.cards_for): page 2,000 skips 40,000 index entries, never 40,000 joined
rows, and builds no model objects.
"""

from functools import cached_property

from django.core.paginator import Page, Paginator

from stories.cards import cards_for

# How many pages past the requested one a bounded count looks for.
LOOKAHEAD_PAGES = 10


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
        # The ids come from the list's own query: their cards need only the published check,
        # which cards_for's prebuilt statement makes.
        return self._get_page(cards_for(ids), number, self)


def page_of(stories, *, per_page: int, number, count: int | None = None) -> Page:
    """The page `number` (any reader input) of `stories`; `count` when a tally keeps it."""
    return StoryPaginator(stories, per_page, count=count, number=number).get_page(number)
