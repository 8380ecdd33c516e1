"""A story's address, made from its id and title alone; a practice's and a thumbnail's, for cards.

The model and every row read as plain values (cards, feed items, related stories) link to the
same place, so the rule lives once, here.
"""

from django.utils.text import slugify

from kindness.kept_addresses import Address

STORY_ADDRESS = Address.of("stories:detail", pk=int, slug=str)
PRACTICE_ADDRESS = Address.of("stories:practice", slug=str)
THUMBNAIL_ADDRESS = Address.of("stories:photo", fixed={"size": "thumb"}, key=str)


class StoryAddress:
    """`slug` and `get_absolute_url` for anything with a `pk` and a `title`."""

    @property
    def slug(self) -> str:
        return slugify(self.title)[:60].strip("-") or "story"

    def get_absolute_url(self) -> str:
        return STORY_ADDRESS(pk=self.pk, slug=self.slug)
