from django.http import HttpRequest

from moderation.queue import BADGE_LIMIT, waiting_count
from moderation.roles import can_moderate


def moderation(request: HttpRequest) -> dict:
    """The moderation link and how many items wait, in a moderator's navigation only."""
    user = getattr(request, "user", None)
    if user is None or not can_moderate(user):
        return {}
    waiting = waiting_count()
    return {
        "is_moderator": True,
        "moderation_waiting": f"{BADGE_LIMIT}+" if waiting > BADGE_LIMIT else waiting,
    }
