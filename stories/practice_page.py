"""What the practice page reads beside its stories: the practice, the essays it comes from and
the kept count of its stories (stories.tallies), in one statement built once per process
(kindness.statements).

The page is rendered afresh after every publish (its page cache follows the content version);
`get_object_or_404` with a prefetch of the essays built two querysets for two short reads, and
the three reads were three round trips on every such first visit. Every render reads the
database, so a renamed practice shows at once (it moves the content version on); a corrected
credit moves no version, and reaches the cached page within its minute (stories.caching).
"""

from dataclasses import dataclass

from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.http import Http404

from kindness.statements import Statement
from stories import tallies
from stories.kept_models import StoryTally
from stories.models import Practice

_FIELDS = tuple(field.attname for field in Practice._meta.concrete_fields)
_ESSAY = ("title", "url", "author", "site")
_TALLY = StoryTally.objects.filter(
    name=Concat(Value(tallies.PRACTICE_PREFIX), Cast(OuterRef("pk"), CharField()))
).values("total")
# One row an essay (by title), each with the practice and its count; one row, with no essay, for
# a practice drawn from none.
_PAGE = Statement(
    lambda slug: (
        Practice.objects.filter(slug=slug)
        .values(
            *_FIELDS,
            story_count=Subquery(_TALLY),
            **{f"essay_{name}": F(f"sources__{name}") for name in _ESSAY},
        )
        .order_by("sources__title")
    ),
    slug=str,
)


@dataclass(frozen=True)
class PracticePage:
    practice: Practice
    # The essays, by title, as the credit template reads them.
    sources: list[dict]
    # Its published stories, as kept (stories.tallies): 0 before the first.
    stories: int


def read_or_404(slug: str) -> PracticePage:
    rows = _PAGE.rows(slug=slug)
    if not rows:
        raise Http404("No such practice.")
    fields = len(_FIELDS)
    first = rows[0]
    practice = Practice.from_db("default", list(_FIELDS), list(first[:fields]))
    sources = [
        dict(zip(_ESSAY, row[fields + 1 :], strict=True))
        for row in rows
        if row[fields + 1] is not None
    ]
    return PracticePage(practice=practice, sources=sources, stories=first[fields] or 0)
