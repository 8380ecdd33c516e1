"""Pages of stories that never count every story, and whose depth costs an index walk only.

A list with a kept count (stories.tallies: every story, a practice, a setting, a point of view)
takes its total from it. Any other list (a tag, combined filters, a member's stories) counts at
most a few pages past the one asked for: the reader then sees "more than N" rather than a total.

Each page first reads the ids of its stories over the list's covering index, then loads those
stories with their authors, photos, practices and tags: page 2,000 skips 40,000 index entries,
never 40,000 joined rows.
"""

from functools import cached_property

from django.core.paginator import Page, Paginator

from stories.models import Practice, PracticedIn, Story

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
        ids = list(
            self.object_list.prefetch_related(None).values_list("pk", flat=True)[
                bottom : bottom + self.per_page
            ]
        )
        chosen = self.object_list.prefetch_related(None).order_by().filter(pk__in=ids)
        found = {story.pk: story for story in chosen}
        stories = with_practices([found[pk] for pk in ids if pk in found])
        return self._get_page(stories, number, self)


def with_practices(stories: list[Story]) -> list[Story]:
    """Fill each story's `practices.all()` with one query, as prefetch_related would.

    taggit's own prefetch builds a queryset per story, which cost more than the rest of the
    list's queries together; this reads the links once and hands each story its practices.
    """
    links = (
        PracticedIn.objects.filter(content_object_id__in=[story.pk for story in stories])
        .select_related("tag")
        .order_by("tag__position", "tag__name")
    )
    chosen: dict[int, list[Practice]] = {story.pk: [] for story in stories}
    for link in links:
        chosen[link.content_object_id].append(link.tag)
    for story in stories:
        practices = Practice.objects.all()
        practices._result_cache = chosen[story.pk]
        practices._prefetch_done = True
        story._prefetched_objects_cache = {"practices": practices}
    return stories


def page_of(stories, *, per_page: int, number, count: int | None = None) -> Page:
    """The page `number` (any reader input) of `stories`; `count` when a tally keeps it."""
    return StoryPaginator(stories, per_page, count=count, number=number).get_page(number)
