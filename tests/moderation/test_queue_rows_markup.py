"""The queue's and the flagged queue's rows are written in Python (moderation/templatetags/
queue_rows.py): they must be the markup the template loop wrote, every value escaped."""

from datetime import timedelta

from django.template import Context, Template
from django.utils import timezone

from moderation.listing import FlaggedRow, QueueRow
from moderation.templatetags.queue_rows import flagged_rows, queue_rows

QUEUE_LOOP = Template(
    """{% load machine_time %}
    {% for item in items %}
    <tr>
      <td><a href="{{ item.review_url }}">{{ item.title }}</a>{% if item.claimed_by_id %}<br><span class="muted claim">being reviewed by {% if item.claimed_by_id == user.pk %}you{% else %}{{ item.claimed_by }}{% endif %}, {{ item.claim_age }}</span>{% endif %}</td>
      <td>{% if item.kind == "edit" %}Edit of a published story{% else %}New story{% endif %}</td>
      <td>{{ item.author_name }}</td>
      <td><time datetime="{{ item.waiting_since|iso_datetime }}">{{ item.waited }} ago</time></td>
    </tr>
    {% endfor %}"""  # noqa: E501
)

FLAGGED_LOOP = Template(
    """{% load machine_time %}
    {% for story in stories %}
    <tr>
      <td><a href="{{ story.review_url }}">{{ story.title }}</a></td>
      <td>{{ story.open_flags }}</td>
      <td>{{ story.status_label }}</td>
      <td><time datetime="{{ story.first_flagged|iso_datetime }}">{{ story.flagged_for }} ago</time></td>
    </tr>
    {% endfor %}"""  # noqa: E501
)


def same(html: str) -> str:
    return " ".join(html.split())


class Viewer:
    pk = 7


def test_it_writes_the_queue_rows_the_template_wrote(db):
    now = timezone.now()
    items = [
        QueueRow("story", 3, 'Tea & <b>"cake"</b>', "Ann <O'Neil>", now - timedelta(hours=5)),
        QueueRow(
            "edit", 4, "An edit", "A member", now - timedelta(days=3),
            claimed_by_id=7, claimed_by="Mo", claimed_at=now - timedelta(minutes=4),
        ),
        QueueRow(
            "story", 5, "Claimed", "Bo", now - timedelta(minutes=2),
            claimed_by_id=8, claimed_by="<Maya & co>", claimed_at=now,
        ),
    ]  # fmt: skip

    written = queue_rows({"user": Viewer()}, items)
    templated = QUEUE_LOOP.render(Context({"items": items, "user": Viewer()}))

    assert same(written) == same(templated)
    assert "&lt;b&gt;" in written and "being reviewed by you" in written
    assert "&lt;Maya &amp; co&gt;" in written


def test_it_writes_the_flagged_rows_the_template_wrote(db):
    now = timezone.now()
    stories = [
        FlaggedRow(3, "<script>x</script>", "published", 2, now - timedelta(hours=3)),
        FlaggedRow(9, "Hidden & sad", "hidden", 3, now - timedelta(days=4)),
    ]

    written = flagged_rows(stories)

    assert same(written) == same(FLAGGED_LOOP.render(Context({"stories": stories})))
    assert "&lt;script&gt;" in written
