"""The practice page's pledge counts and "I'll try this" button: a hole (stories.holes), filled
for each request, so a member who just pledged sees themselves counted.

One query, built once per process (kindness.statements): the practice's tally and the member's
own active pledge."""

from django.db.models import Exists, OuterRef, Subquery
from django.http import HttpRequest

from kindness.statements import Statement
from pledges.models import Pledge, PledgeTally
from stories.models import Practice


def _pledge_button(*, practice: int, member: int):
    tally = PledgeTally.objects.filter(practice_id=OuterRef("pk"))
    return (
        Practice.objects.filter(pk=practice)
        .annotate(
            pledged=Subquery(tally.values("pledged")),
            wrote_back=Subquery(tally.values("wrote_back")),
            trying=Exists(
                Pledge.objects.active().filter(member_id=member, practice_id=OuterRef("pk"))
            ),
        )
        .values("pledged", "wrote_back", "trying")
    )


PLEDGE_BUTTON = Statement(_pledge_button, practice=int, member=int)


def pledge_button_context(request: HttpRequest, *, practice_id: int, slug: str) -> dict:
    # 0 is nobody's id: a visitor is trying nothing.
    found = PLEDGE_BUTTON.row(practice=practice_id, member=request.user.pk or 0) or {}
    return {
        "practice": {"pk": practice_id, "slug": slug},
        "trying": bool(found.get("trying")),
        "tally": PledgeTally(
            practice_id=practice_id,
            pledged=found.get("pledged") or 0,
            wrote_back=found.get("wrote_back") or 0,
        ),
    }
