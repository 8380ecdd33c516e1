"""The practice page's "I'll try this" button: a hole (stories.holes), filled for each member."""

from django.http import HttpRequest

from pledges.models import Pledge


def pledge_button_context(request: HttpRequest, *, practice_id: int, slug: str) -> dict:
    user = request.user
    trying = (
        user.is_authenticated
        and Pledge.objects.active().filter(member=user, practice_id=practice_id).exists()
    )
    return {"practice": {"pk": practice_id, "slug": slug}, "trying": trying}
