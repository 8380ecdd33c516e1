"""The moderation navigation is written once per shape and kept (moderation/templatetags/
moderation_nav.py): each page still marks itself, the admin link still follows the viewer, and
the moderators' link in the header still follows the queue."""

import pytest
from django.urls import reverse

from tests.factories import StoryFactory
from tests.pages import parse


def nav(response):
    return parse(response).find("nav", **{"aria-label": "Moderation"})


@pytest.mark.parametrize(
    ("name", "current"),
    [
        ("moderation:queue", "Queue"),
        ("moderation:flagged", "Flagged stories"),
        ("moderation:takedowns", "Takedown requests"),
    ],
)
def test_each_page_marks_itself_as_the_current_one(moderator_client, name, current):
    response = moderator_client.get(reverse(name))

    marked = [link.text for link in nav(response).find_all("a", **{"aria-current": "page"})]
    assert marked == [current]


def test_the_links_go_where_they_say(moderator_client):
    links = {
        link.text: link.attrs["href"]
        for link in nav(moderator_client.get(reverse("moderation:queue"))).find_all("a")
    }

    assert links["Takedown requests"] == reverse("moderation:takedowns")
    assert links["Queue"] == reverse("moderation:queue")
    assert links["Flagged stories"] == reverse("moderation:flagged")
    assert links["Public statistics"] == reverse("moderation:stats")


def test_the_admin_link_follows_the_viewers_staff_flag(moderator, moderator_client):
    queue = reverse("moderation:queue")
    moderator.is_staff = True
    moderator.save()
    as_staff = [link.text for link in nav(moderator_client.get(queue)).find_all("a")]
    moderator.is_staff = False
    moderator.save()
    as_member = [link.text for link in nav(moderator_client.get(queue)).find_all("a")]

    assert "Admin" in as_staff
    assert "Admin" not in as_member


def test_the_header_link_counts_what_waits_at_each_request(moderator, moderator_client, author):
    moderator.is_staff = True
    moderator.save()
    home = reverse("home")

    def header_link():
        found = parse(moderator_client.get(home)).find("a", href=reverse("moderation:queue"))
        return " ".join(found.text.split())

    before = header_link()
    StoryFactory(author=author, status="submitted")

    assert before == "Moderation"
    assert header_link() == "Moderation 1 waiting"
