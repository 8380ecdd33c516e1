"""The story page's JSON-LD: a title or name can never close its <script> element."""

import json

import pytest

from tests.factories import StoryFactory, UserFactory
from tests.pages import parse
from tests.security.helpers import XSS_PAYLOADS, assert_inert

pytestmark = pytest.mark.django_db

BREAKOUTS = [
    "</script><script>alert(1)</script>",
    "</SCRIPT ><img src=x onerror=alert(1)>",
    "<!--<script>",
    "a & b </script",
    *XSS_PAYLOADS,
]


def the_article(response) -> dict:
    [block] = parse(response).find_all("script", type="application/ld+json")
    return json.loads(block.inner_html)


@pytest.mark.parametrize("title", BREAKOUTS)
def test_a_hostile_title_stays_inside_the_structured_data(visitor, author, title):
    story = StoryFactory(author=author, title=title)

    response = visitor.get(story.get_absolute_url())

    html = response.content.decode()
    assert_inert(html, title)
    assert html.lower().count("</script") == html.lower().count("<script")
    assert the_article(response)["headline"] == title


@pytest.mark.parametrize("name", BREAKOUTS)
def test_a_hostile_display_name_stays_inside_the_structured_data(visitor, name):
    story = StoryFactory(author=UserFactory(display_name=name), title="The late bus")

    response = visitor.get(story.get_absolute_url())

    assert_inert(response.content.decode(), name)
    assert the_article(response)["author"]["name"] == name
