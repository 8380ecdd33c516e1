from django.http import HttpRequest

from moderation.queue import waiting_count
from stories.models import MODERATE


def moderation(request: HttpRequest) -> dict:
    """The number of items waiting, shown in a moderator's navigation (and nobody else's)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_perm(MODERATE):
        return {}
    return {"moderation_waiting": waiting_count()}
