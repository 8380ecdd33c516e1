from datetime import timedelta
from functools import cache

from django import template
from django.utils.safestring import SafeString, mark_safe

from moderation.flags import why_cannot_flag
from moderation.forms import FlagForm, SuspendForm
from moderation.models import Suspension

register = template.Library()

# Field groups of unbound forms, rendered once per process (field_group below).
_FIELD_GROUPS: dict[tuple, str] = {}


@register.filter
def field_group(field) -> str:
    """`field.as_field_group()`, rendered once per process while the form is unbound.

    An unbound field with no initial value renders from the code alone (label, widget, choices
    written in the form class), the same for every moderator and every story; going through the
    form templates took about a millisecond a field on every review page. A bound form (shown
    again with its errors) or a field with an initial value always renders afresh. Only for
    fields whose choices are fixed in the code.
    """
    form = field.form
    if form.is_bound or field.initial not in (None, ""):
        return field.as_field_group()
    key = (type(form), form.prefix, form.auto_id, field.name)
    html = _FIELD_GROUPS.get(key)
    if html is None:
        html = _FIELD_GROUPS[key] = field.as_field_group()
    return html


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


@register.inclusion_tag("moderation/_flag_form.html", takes_context=True)
def flag_form(context, story, cannot_flag: str | None = None) -> dict:
    """The "Report this story" form, shown on a published story to signed-in members; to those
    not yet allowed to flag, the sentence saying why instead (`cannot_flag`, when the caller
    read the member's standing already: moderation.holes)."""
    if cannot_flag is None:
        cannot_flag = why_cannot_flag(context["user"])
    return {
        "story": story,
        "fields": "" if cannot_flag else _blank_flag_fields(),
        "cannot_flag": cannot_flag,
        "csrf_token": context.get("csrf_token"),
    }


@cache
def _blank_flag_fields() -> SafeString:
    """The form's fields, always blank here (a refused report is shown on its own page), so the
    same for everyone: rendered once per process, not on every story page (about 7 ms)."""
    form = FlagForm(auto_id="flag_%s")
    return mark_safe(
        f"<div>{form['reason'].as_field_group()}</div>\n"
        f"    <div>{form['note'].as_field_group()}</div>"
    )


@register.inclusion_tag("moderation/_suspend_card.html", takes_context=True)
def suspend_card(context, person) -> dict:
    """The storyteller card's standing and "Suspend this member" form (moderation:suspend)."""
    return {
        "person": person,
        "suspension": Suspension.objects.active_for(person),
        "can_suspend": not person.is_staff and person.pk != context["user"].pk,
        "form": SuspendForm(),
        "csrf_token": context.get("csrf_token"),
    }
