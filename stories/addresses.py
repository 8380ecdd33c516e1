"""A story's address, made from its id and title alone.

The model and every row read as plain values (cards, feed items, related stories) link to the
same place, so the rule lives once, here.
"""

from django.urls import reverse
from django.utils.text import slugify


class StoryAddress:
    """`slug` and `get_absolute_url` for anything with a `pk` and a `title`."""

    @property
    def slug(self) -> str:
        return slugify(self.title)[:60].strip("-") or "story"

    def get_absolute_url(self) -> str:
        return reverse("stories:detail", kwargs={"pk": self.pk, "slug": self.slug})
