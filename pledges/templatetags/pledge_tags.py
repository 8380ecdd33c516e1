"""{% pledge_button practice %}: the one per-member part of a practice page, in its own include
(pledges/_pledge_button.html) that looks up its own state, so a page cached for everyone can
leave it as a hole filled per member."""

from django import template

from pledges.models import Pledge

register = template.Library()


@register.inclusion_tag("pledges/_pledge_button.html", takes_context=True)
def pledge_button(context, practice) -> dict:
    request = context["request"]
    user = request.user
    trying = (
        user.is_authenticated
        and Pledge.objects.active().filter(member=user, practice=practice).exists()
    )
    return {
        "practice": practice,
        "user": user,
        "trying": trying,
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
