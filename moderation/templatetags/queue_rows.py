"""The rows of the moderation queue and the flagged queue, written in Python.

Twenty-five rows through the template engine (a `{% for %}` with eight variables, filters and
conditions a row) took about a third of a queue page's time; the same markup written here, every
value escaped, takes a fraction of it. The values are the page's own (moderation.listing reads
them on every request), so nothing here is kept between requests. Values are escaped with the
standard library's `html.escape`, which is what Django's `escape` calls, without its lazy-string
wrapper (a quarter of the rows' cost); every row's age is counted from one moment.
"""

from datetime import datetime
from html import escape

from django import template
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from moderation.listing import _url_pattern
from moderation.queue import _short_wait
from stories.templatetags.machine_time import iso_datetime

register = template.Library()


@register.simple_tag(takes_context=True)
def queue_rows(context, items) -> SafeString:
    """`<tr>`s for moderation.listing.QueueRow items; the viewer's own claims say "you"."""
    viewer = context["user"].pk
    now = timezone.now()
    moment = _moments()
    # The review addresses' patterns, reversed once per process (moderation.listing._url).
    prefix = get_script_prefix()
    urls = {
        "story": _url_pattern("moderation:review", prefix),
        "edit": _url_pattern("moderation:review_edit", prefix),
    }
    rows = []
    for item in items:
        claim = ""
        if item.claimed_by_id:
            who = "you" if item.claimed_by_id == viewer else escape(item.claimed_by)
            claim = (
                '<br><span class="muted claim">being reviewed by '
                f"{who}, {item.claim_age_at(now)}</span>"
            )
        kind = "Edit of a published story" if item.kind == "edit" else "New story"
        rows.append(
            "\n    <tr>\n"
            f'      <td><a href="{escape(urls[item.kind].replace("1000000007", str(item.pk)))}">'
            f"{escape(item.title)}</a>{claim}</td>\n"
            f"      <td>{kind}</td>\n"
            f"      <td>{escape(item.author_name)}</td>\n"
            f'      <td><time datetime="{moment(item.waiting_since)}">'
            f"{_short_wait(item.waiting_since, now)} ago</time></td>\n"
            "    </tr>"
        )
    return mark_safe("".join(rows))


def _moments():
    """iso_datetime for this request's rows, the current time zone looked up once: each lookup
    goes through a context-local (asgiref), a fifth of a row's cost."""
    zone = timezone.get_current_timezone()

    def moment(value) -> str:
        if isinstance(value, datetime) and value.utcoffset() is not None:
            return value.astimezone(zone).replace(microsecond=0).isoformat()
        return iso_datetime(value)

    return moment


@register.simple_tag
def flagged_rows(stories) -> SafeString:
    """`<tr>`s for moderation.listing.FlaggedRow items."""
    now = timezone.now()
    moment = _moments()
    url = _url_pattern("moderation:review_flags", get_script_prefix())
    rows = [
        "\n    <tr>\n"
        f'      <td><a href="{escape(url.replace("1000000007", str(story.pk)))}">'
        f"{escape(story.title)}</a></td>\n"
        f"      <td>{int(story.open_flags)}</td>\n"
        f"      <td>{escape(story.status_label)}</td>\n"
        f'      <td><time datetime="{moment(story.first_flagged)}">'
        f"{_short_wait(story.first_flagged, now)} ago</time></td>\n"
        "    </tr>"
        for story in stories
    ]
    return mark_safe("".join(rows))
