"""Search takes the list's filters on the same page, keeps them in the URL and across pages."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection

from stories import search
from stories.models import Practice, Story
from tests.factories import StoryFactory
from tests.pages import parse
from tests.stories.helpers import card_titles, fresh_page_queries, hrefs

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(author):
    StoryFactory(
        author=author,
        title="The courier at the grocery",
        setting=Story.Setting.GROCERY,
        perspective=Story.Perspective.CUSTOMER,
        practices=["smile-first"],
    )
    StoryFactory(
        author=author,
        title="The courier at the hotel",
        setting=Story.Setting.HOTEL,
        perspective=Story.Perspective.CUSTOMER,
        practices=["say-thank-you"],
    )
    StoryFactory(
        author=author,
        title="The courier I was",
        setting=Story.Setting.GROCERY,
        perspective=Story.Perspective.WORKER,
        practices=["smile-first"],
    )
    StoryFactory(
        author=author,
        title="A hidden courier",
        status=Story.Status.HIDDEN,
        setting=Story.Setting.GROCERY,
        practices=["smile-first"],
    )


def test_without_filters_it_finds_every_published_match(visitor, shelf):
    titles = card_titles(visitor.get("/search/?q=courier"))

    assert sorted(titles) == [
        "The courier I was",
        "The courier at the grocery",
        "The courier at the hotel",
    ]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ("setting=grocery", {"The courier at the grocery", "The courier I was"}),
        ("perspective=customer", {"The courier at the grocery", "The courier at the hotel"}),
        ("practice=say-thank-you", {"The courier at the hotel"}),
        ("practice=smile-first&setting=grocery&perspective=worker", {"The courier I was"}),
    ],
)
def test_each_filter_narrows_the_search(visitor, shelf, filters, expected):
    response = visitor.get(f"/search/?q=courier&{filters}")

    assert set(card_titles(response)) == expected


def chosen(select) -> list[str]:
    options = select.find_all("option")
    picked = [option.attrs["value"] for option in options if "selected" in option.attrs]
    return picked or [options[0].attrs["value"]]


def test_the_form_shows_the_chosen_filters(visitor, shelf):
    page = parse(visitor.get("/search/?q=courier&setting=grocery&practice=smile-first"))

    form = page.find("form", role="search")
    assert chosen(form.find("select", name="setting")) == ["grocery"]
    assert chosen(form.find("select", name="practice")) == ["smile-first"]
    assert chosen(form.find("select", name="perspective")) == [""]


def test_pagination_keeps_the_filters(visitor, author, settings):
    settings.STORIES_PER_PAGE = 2
    for index in range(5):
        StoryFactory(author=author, title=f"Courier number {index}", setting=Story.Setting.HOTEL)
    StoryFactory(author=author, title="Courier elsewhere", setting=Story.Setting.GROCERY)

    response = visitor.get("/search/?q=courier&setting=hotel")

    next_links = [href for href in hrefs(response) if "page=2" in href]
    assert next_links
    query = parse_qs(urlsplit(next_links[0]).query)
    assert query["q"] == ["courier"]
    assert query["setting"] == ["hotel"]
    second = visitor.get(
        next_links[0] if next_links[0].startswith("/") else f"/search/{next_links[0]}"
    )
    assert "Courier elsewhere" not in card_titles(second)


def test_find_keeps_its_order_when_filtering(shelf):
    smile = Practice.objects.get(slug="smile-first")
    everything = search.find("courier").ids

    filtered = search.find("courier", practice=smile).ids

    assert filtered == [pk for pk in everything if pk in filtered]
    assert len(filtered) == 2


@pytest.mark.parametrize("size", [3, 12])
def test_a_filtered_search_runs_a_fixed_number_of_queries(visitor, login, author, size):
    for index in range(size):
        StoryFactory(
            author=author,
            title=f"The courier {index}",
            setting=Story.Setting.GROCERY,
            practices=["smile-first", "say-thank-you"],
        )
    url = "/search/?q=courier&practice=smile-first&setting=grocery&perspective=customer"
    member = login(author)

    # The content version, the practices (read once: the chosen one, the cards' and the filter
    # menu's, stories.practice_choices), the change log's position (on PostgreSQL read by each
    # ranking itself, stories.search_postgresql), the search (whole word, then as a prefix: few
    # matches) each with its filter by id, the cards (the footer's essays are cached per process).
    assert fresh_page_queries(visitor, url) == 8 - (connection.vendor == "postgresql")
    # A member shares the page rendered for visitors: their session, with themselves and the
    # content version (kindness.signed_in), on top. The search is kept (stories.search_kept):
    # each of its two rankings reads the change log, with the stories it names, in one query,
    # and finds nothing changed.
    assert fresh_page_queries(member, url) == 5
    # After a publish, the same two queries read the new story and re-rank it.
    StoryFactory(author=author, title="The last courier", setting=Story.Setting.GROCERY)
    assert fresh_page_queries(visitor, url) == 5
