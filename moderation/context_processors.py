import functools

from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, reverse

from moderation.queue import BADGE_LIMIT
from moderation.roles import can_moderate
from moderation.standing import standing


def moderation(request: HttpRequest) -> dict | None:
    """The moderation link and how many items wait, in a moderator's navigation only: the
    moderation_link hole's context (stories.holes), None (nothing to render) for anyone else."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return None
    # Read with the permissions can_moderate asks for, unless the second-factor gate has already.
    waiting = standing(user).waiting
    if not can_moderate(user):
        return None
    return {
        "is_moderator": True,
        "moderation_url": _queue_url(get_script_prefix()),
        "moderation_waiting": f"{BADGE_LIMIT}+" if waiting > BADGE_LIMIT else waiting,
    }


@functools.cache
def _queue_url(prefix: str) -> str:
    # Reversed once per process and script prefix; a URLconf without the moderation pages (as
    # `{% url ... as %}` allowed) shows no link.
    try:
        return reverse("moderation:queue")
    except NoReverseMatch:
        return ""
