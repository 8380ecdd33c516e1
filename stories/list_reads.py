"""The short reads a list page makes beside its stories, each a statement built once per
process (kindness.statements): as querysets, building them cost more than the database took."""

from taggit.models import Tag

from kindness.statements import Statement
from stories.models import StoryTally

_TOTAL = Statement(lambda name: StoryTally.objects.filter(name=name).values("total"), name=str)
_TAG = Statement(lambda slug: Tag.objects.filter(slug=slug).values("id", "name", "slug"), slug=str)


def total(name: str) -> int:
    """The kept count of a list (stories.tallies); 0 before its first story."""
    found = _TOTAL.row(name=name)
    return found["total"] if found else 0


def tag(slug: str) -> Tag | None:
    return _TAG.instance(Tag, slug=slug)
