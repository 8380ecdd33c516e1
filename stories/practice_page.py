"""What the practice page reads beside its stories: the practice and the essays it comes from,
each by a statement built once per process (kindness.statements).

The page is rendered afresh after every publish (its page cache follows the content version);
`get_object_or_404` with a prefetch of the essays built two querysets for two short reads. Every
request still reads the database, so a renamed practice or a corrected credit shows at once.
"""

from django.http import Http404

from kindness.statements import Statement
from stories.models import Practice, SourceEssay

_FIELDS = tuple(field.attname for field in Practice._meta.concrete_fields)
_PRACTICE = Statement(lambda slug: Practice.objects.filter(slug=slug).values(*_FIELDS), slug=str)
_SOURCES = Statement(
    lambda practice_id: SourceEssay.objects.filter(practices__id=practice_id).values_list(
        "title", "url", "author", "site"
    ),
    practice_id=int,
)


def practice_or_404(slug: str) -> Practice:
    practice = _PRACTICE.instance(Practice, slug=slug)
    if practice is None:
        raise Http404("No such practice.")
    return practice


def sources(practice_id: int) -> list[dict]:
    """The essays the practice is drawn from, by title, as the credit template reads them."""
    columns = ("title", "url", "author", "site")
    return [dict(zip(columns, row, strict=True)) for row in _SOURCES.rows(practice_id=practice_id)]
