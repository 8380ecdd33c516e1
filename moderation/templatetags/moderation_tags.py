import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import cache, lru_cache

from django import template
from django.forms.widgets import ChoiceWidget
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from accounts.models import User
from moderation.flags import why_cannot_flag
from moderation.forms import FlagForm, SuspendForm

register = template.Library()

# Field groups and widgets of unbound forms, rendered once per process (field_group below).
_RENDERED: dict[tuple, str] = {}
# Stands for a field's value in a render kept for every value; never typed by anyone.
_VALUE = f"v{secrets.token_hex(12)}v"


@register.filter
def field_group(field) -> str:
    """`field.as_field_group()`, rendered once per process while the form is unbound.

    An unbound field renders from the code alone (label, widget, choices written in the form
    class) and its initial value; going through the form templates took about a millisecond a
    field on every review page. The render is kept with a stand-in for the value, which is put
    in (escaped, as the widget would) on each use, so a story's title and text, the moment it
    was sent and its fingerprint are always this story's. A bound form (shown again with its
    errors) always renders afresh. Only for fields whose choices are fixed in the code.
    """
    return _kept(field, "group")


@register.filter
def field_widget(field) -> str:
    """`{{ field }}` (the widget alone, such as a hidden input), kept as field_group is."""
    return _kept(field, "widget")


def _kept(field, part: str) -> str:
    form = field.form
    if form.is_bound:
        return field.as_field_group() if part == "group" else str(field)
    widget = field.field.widget
    shown = widget.format_value(field.value())
    if isinstance(widget, ChoiceWidget):
        # The value picks an option (a few, fixed in the code): keep one render per value.
        key = (type(form), form.prefix, form.auto_id, field.name, part, tuple(shown))
        html = _RENDERED.get(key)
        if html is None:
            html = _RENDERED[key] = field.as_field_group() if part == "group" else str(field)
        return html
    key = (type(form), form.prefix, form.auto_id, field.name, part, shown is None)
    html = _RENDERED.get(key)
    if html is None:
        stand_in = type(form)(
            initial={} if shown is None else {field.name: _VALUE},
            prefix=form.prefix,
            auto_id=form.auto_id,
        )[field.name]
        html = stand_in.as_field_group() if part == "group" else str(stand_in)
        _RENDERED[key] = html
    if shown is None:
        return html
    return mark_safe(html.replace(_VALUE, conditional_escape(str(shown))))


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


@register.simple_tag(takes_context=True)
def suspend_card(context, submitter: dict) -> SafeString:
    """The storyteller card's standing and "Suspend this member" form (moderation:suspend).

    `submitter` is moderation.sidebar.submitter_card's, which read the open suspension. The
    markup is kept per process on what it shows (the member, their name, the suspension's period,
    whether they may be suspended), with the request's CSRF token put in on each use.
    """
    person = submitter["person"]
    suspension = submitter["suspension"]
    shown = (
        person.pk,
        person.public_name,
        None if suspension is None else suspension.period,
        not person.is_staff and person.pk != context["user"].pk,
    )
    token = context.get("csrf_token")
    if not token:
        return _suspend_card(*shown, token=token)
    html = _kept_suspend_card(*shown)
    return mark_safe(html.replace(_TOKEN, conditional_escape(str(token))))


# Stands for the request's CSRF token in the kept suspend card; never a real token.
_TOKEN = f"t{secrets.token_hex(12)}t"


@lru_cache(maxsize=256)
def _kept_suspend_card(pk: int, name: str, period: str | None, can_suspend: bool) -> str:
    return _suspend_card(pk, name, period, can_suspend, token=_TOKEN)


@dataclass(frozen=True)
class _Suspension:
    period: str


def _suspend_card(pk: int, name: str, period: str | None, can_suspend: bool, *, token) -> str:
    return mark_safe(
        render_to_string(
            "moderation/_suspend_card.html",
            {
                # The card shows the member's id (in a link) and name alone.
                "person": User(pk=pk, display_name=name),
                "suspension": None if period is None else _Suspension(period),
                "can_suspend": can_suspend,
                "form": _blank_suspend_form(),
                "csrf_token": token,
            },
        )
    )


@cache
def _blank_suspend_form() -> SuspendForm:
    # Never bound and only rendered through field_group: the same blank form serves every page.
    return SuspendForm()
