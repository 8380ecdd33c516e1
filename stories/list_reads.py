"""The short reads a list page makes beside its stories, each a statement built once per
process (kindness.statements): as querysets, building them cost more than the database took."""

from taggit.models import Tag

from accounts.models import User
from kindness.statements import Statement
from stories.models import StoryTally

_TOTAL = Statement(lambda name: StoryTally.objects.filter(name=name).values("total"), name=str)
_NO_KEY_ABOVE = 2**63
_MEMBER_FIELDS = ("id", "display_name", "date_joined")
_MEMBER = Statement(
    lambda pk: User.objects.filter(pk=pk, is_active=True).values(*_MEMBER_FIELDS), pk=int
)
_TAG = Statement(lambda slug: Tag.objects.filter(slug=slug).values("id", "name", "slug"), slug=str)


def total(name: str) -> int:
    """The kept count of a list (stories.tallies); 0 before its first story."""
    found = _TOTAL.row(name=name)
    return found["total"] if found else 0


def tag(slug: str) -> Tag | None:
    return _TAG.instance(Tag, slug=slug)


def member(pk: int) -> User | None:
    """An active member, with what their public page shows (the rest deferred), or None."""
    if not 0 < pk < _NO_KEY_ABOVE:  # the ORM answers none for a key past its column; so do we
        return None
    found = _MEMBER.row(pk=pk)
    if found is None:
        return None
    # from_db takes the values in the model's field order.
    names = [field.attname for field in User._meta.concrete_fields if field.attname in found]
    return User.from_db("default", names, [found[name] for name in names])
