""" "Read a story at random": one query, no ORDER BY RANDOM() (which reads and sorts every row).

A random point between the lowest and the highest published id, then the first published story
at or after it over the (status, id) index, or the lowest one when none is (wrap around). Each
step is an index seek, whatever the number of stories. A story after a gap in the ids comes up a
little more often than the others: a fair trade for a link that says "at random".
"""

import random

from django.db.models import BigIntegerField, ExpressionWrapper, FloatField, Subquery, Value
from django.db.models.functions import Cast, Coalesce

from kindness.statements import Statement
from stories.models import Story


def _story_at(*, point: float):
    published = Story.objects.published()
    lowest = published.order_by("id").values("id")[:1]
    highest = published.order_by("-id").values("id")[:1]
    # A whole number: PostgreSQL compares an id with a float by casting the id, past its index.
    landing = Cast(
        ExpressionWrapper(
            Subquery(lowest) + (Subquery(highest) - Subquery(lowest)) * Value(point),
            output_field=FloatField(),
        ),
        BigIntegerField(),
    )
    at_or_after = published.filter(id__gte=landing).order_by("id").values("id")[:1]
    chosen = Coalesce(Subquery(at_or_after), Subquery(lowest))
    # Only what its address needs (the id and the title's slug).
    return published.filter(pk=chosen).values("id", "title")


# Building this nest of subqueries cost the ORM about 5 ms, the database well under one.
_STORY_AT = Statement(_story_at, point=float)


def random_story(*, point: float | None = None) -> Story | None:
    """A published story picked at random, or None when none is published.

    `point` (0 to 1) is where between the lowest and highest id to land; tests pass it.
    """
    point = random.random() if point is None else point
    return _STORY_AT.instance(Story, point=point)
