from datetime import timedelta

from django import template

from moderation.forms import FlagForm

register = template.Library()


@register.filter
def duration_words(value: timedelta) -> str:
    """3 h 20 min, 2 days 4 h, 12 min: short and readable."""
    minutes = int(value.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} day{'s' if days != 1 else ''} {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{max(minutes, 1)} min"


@register.inclusion_tag("moderation/_flag_form.html")
def flag_form(story) -> dict:
    """The "Report this story" form, shown on a published story to signed-in members."""
    return {"story": story, "form": FlagForm(auto_id="flag_%s")}
