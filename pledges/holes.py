"""The practice page's pledge counts and "I'll try this" button: a hole (stories.holes), filled
for each request, so a member who just pledged sees themselves counted."""

from django.http import HttpRequest

from pledges.models import Pledge, PledgeTally


def pledge_button_context(request: HttpRequest, *, practice_id: int, slug: str) -> dict:
    user = request.user
    trying = (
        user.is_authenticated
        and Pledge.objects.active().filter(member=user, practice_id=practice_id).exists()
    )
    return {
        "practice": {"pk": practice_id, "slug": slug},
        "trying": trying,
        "tally": PledgeTally.objects.for_practice(practice_id),
    }
