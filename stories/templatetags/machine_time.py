import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def iso_datetime(value) -> str:
    """A `<time datetime>` value in whole seconds, local time, as `2026-12-01T09:53:20+00:00`.

    Django's `date:'c'` keeps microseconds, which HTML forbids past three digits of a second.
    """
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""
