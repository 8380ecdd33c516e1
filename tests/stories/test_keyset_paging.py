"""Reader lists linked by position (stories.paging): "Older" and "Newer" carry where the page
starts, so every page is an index seek, a story published or withdrawn between two requests is
neither repeated nor skipped, and old `?page=N` links still work."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kindness.context_processors import source_essays
from stories.lifecycle import withdraw_story
from stories.models import Story
from tests.factories import StoryFactory
from tests.pages import parse
from tests.stories.helpers import card_titles

pytestmark = pytest.mark.django_db

LIST = "/stories/"


@pytest.fixture(autouse=True)
def three_a_page(settings):
    settings.STORIES_PER_PAGE = 3


def link(response, rel: str) -> str | None:
    found = parse(response).find("a", rel=rel)
    return found.attrs["href"] if found else None


def status(response) -> str:
    return parse(response).find("p", role="status").text


def position(response) -> str:
    return parse(response).find("nav", cls="pagination").find("span").text


def walk(client, url: str, rel: str) -> list[list[str]]:
    """The titles of each page met following `rel` links from `url`, the first page included."""
    pages = []
    while url is not None:
        response = client.get(url)
        assert response.status_code == 200
        pages.append(card_titles(response))
        url = link(response, rel)
        assert len(pages) < 50
    return pages


def shelve_with_ties(author, count: int = 11, **fields) -> list[str]:
    """Stories published in pairs at the same moment; the list's titles, newest first."""
    moment = timezone.now() - timedelta(days=1)
    for index in range(count):
        StoryFactory(
            author=author,
            title=f"Story {index:02d}",
            published_at=moment + timedelta(minutes=index // 2),
            **fields,
        )
    return list(Story.objects.published().newest_first().values_list("title", flat=True))


def test_it_pages_forwards_and_back_over_stories_published_at_the_same_moment(visitor, author):
    newest_first = shelve_with_ties(author)

    forwards = walk(visitor, LIST, "next")

    assert [title for page in forwards for title in page] == newest_first
    assert [len(page) for page in forwards] == [3, 3, 3, 2]
    last = visitor.get(LIST)
    for _ in range(3):
        last = visitor.get(link(last, "next"))
    assert walk(visitor, link(last, "prev"), "prev") == forwards[-2::-1]


def test_a_tag_list_pages_forwards_and_back_over_its_stories_alone(visitor, author):
    newest_first = shelve_with_ties(author, tags=["counter"])
    StoryFactory(author=author, title="Untagged, and newest")
    tagged = f"{LIST}?tag=counter"

    forwards = walk(visitor, tagged, "next")

    assert [title for page in forwards for title in page] == newest_first
    assert [len(page) for page in forwards] == [3, 3, 3, 2]
    assert position(visitor.get(tagged)) == "Page 1 of 4"
    assert card_titles(visitor.get(f"{tagged}&page=9")) == newest_first[-2:]
    last = visitor.get(tagged)
    for _ in range(3):
        last = visitor.get(link(last, "next"))
    assert walk(visitor, link(last, "prev"), "prev") == forwards[-2::-1]


def test_the_newer_link_of_page_two_is_the_first_page(visitor, author):
    shelve_with_ties(author)
    second = visitor.get(link(visitor.get(LIST), "next"))

    assert link(second, "prev") == LIST


@pytest.mark.parametrize(
    "query",
    [
        "practice=give-grace",
        "tag=counter",
        "setting=grocery",
        "perspective=customer",
        "practice=give-grace&setting=grocery&perspective=customer",
        "sort=thanked",
        "tag=counter&sort=thanked",
    ],
)
def test_every_filter_and_order_pages_through_its_own_stories_only(visitor, author, query):
    for index in range(8):
        StoryFactory(
            author=author,
            title=f"Match {index}",
            practices=["give-grace"],
            tags=["counter"],
            thanks_count=index % 3,
        )
    StoryFactory(author=author, title="Other", practices=["be-patient"], setting="airline")
    StoryFactory(author=author, title="Other view", perspective="worker", tags=["night-shift"])
    expected = []
    for number in range(1, 5):
        numbered = card_titles(visitor.get(f"{LIST}?{query}&page={number}"))
        if numbered[0] in expected:
            break  # past the end: the last page again
        expected += numbered

    forwards = walk(visitor, f"{LIST}?{query}", "next")

    titles = [title for page in forwards for title in page]
    assert titles == expected
    assert len(set(titles)) == len(titles)
    if "practice" in query or "tag" in query:
        assert sorted(titles) == [f"Match {index}" for index in range(8)]
    if "sort=thanked" in query:
        thanks = dict(Story.objects.values_list("title", "thanks_count"))
        assert [thanks[title] for title in titles] == sorted(thanks[t] for t in titles)[::-1]
    deep = visitor.get(f"{LIST}?{query}")
    deep = visitor.get(link(deep, "next"))
    assert query.split("&")[0] in link(deep, "prev")
    assert query.split("&")[0] in link(deep, "next")


def test_a_story_published_between_two_pages_is_not_shown_twice(visitor, author):
    shelve_with_ties(author)
    first = visitor.get(LIST)

    StoryFactory(author=author, title="Just published")
    second = visitor.get(link(first, "next"))

    shown = card_titles(first) + card_titles(second)
    assert len(shown) == len(set(shown)) == 6
    assert "Just published" in card_titles(visitor.get(LIST))


def test_a_story_withdrawn_between_two_pages_leaves_no_gap(visitor, author):
    newest_first = shelve_with_ties(author)
    first = visitor.get(LIST)

    withdraw_story(story=Story.objects.get(title=card_titles(first)[0]))
    second = visitor.get(link(first, "next"))

    assert card_titles(second) == newest_first[3:6]


def test_a_page_whose_last_story_left_still_leads_on(visitor, author):
    newest_first = shelve_with_ties(author)
    first = visitor.get(LIST)
    older = link(first, "next")

    withdraw_story(story=Story.objects.get(title=newest_first[2]))

    assert card_titles(visitor.get(older)) == newest_first[3:6]


@pytest.mark.parametrize(
    "token",
    [
        "nonsense",
        "",
        "n2-zz",
        "n1-abc-1",  # page 1 has no position
        "n0-abc-1",
        "t2-abc-1",  # made by the most-thanked order
        "n2-abc-0",
        "n2-zzzzzzzzzzzzz-1",  # past the year 9999
        "n2-abc-zzzzzzzzzzzzz",  # past the largest id
        "N2-ABC-1",
        "n2--abc-1",
        "n99999999-abc-1",
        "n2-abc-1&before=n3-abc-1",
    ],
)
def test_a_token_the_site_did_not_make_is_not_found(visitor, published_story, token):
    response = visitor.get(LIST, {"before": token})

    assert response.status_code == 404


def test_a_made_up_position_shows_the_stories_older_than_it(visitor, author):
    newest_first = shelve_with_ties(author)
    made_up = visitor.get(LIST, {"before": "n7-0-1"})

    assert made_up.status_code == 200
    assert card_titles(made_up) == []
    assert "No published stories match" in made_up.content.decode()

    far_future = visitor.get(LIST, {"before": "n5-zzzzzzzzzz-1"})

    assert card_titles(far_future) == newest_first[:3]
    assert position(far_future) == "Page 5 of 5"


def test_the_reader_sees_where_they_are(visitor, author):
    shelve_with_ties(author)
    second = visitor.get(link(visitor.get(LIST), "next"))
    top = Story.objects.get(title=card_titles(second)[0])

    assert position(second) == "Page 2 of 4"
    shown_date = timezone.localtime(top.published_at).strftime("%-d %B %Y")
    assert status(second) == f"11 stories; these from {shown_date} and older"
    third = visitor.get(link(second, "next"))
    assert position(third) == "Page 3 of 4"


def test_a_tag_list_deep_down_says_its_page_and_date_without_counting(visitor, author):
    shelve_with_ties(author, tags=["counter"])
    first = visitor.get(f"{LIST}?tag=counter")
    second = visitor.get(link(first, "next"))

    assert position(second) == "Page 2"
    assert status(second).startswith("Stories from ")


def test_old_numbered_links_still_show_their_page_and_lead_on_by_position(visitor, author):
    newest_first = shelve_with_ties(author)

    third = visitor.get(LIST, {"page": "3"})

    assert card_titles(third) == newest_first[6:9]
    assert position(third) == "Page 3 of 4"
    assert card_titles(visitor.get(link(third, "next"))) == newest_first[9:]
    assert card_titles(visitor.get(link(third, "prev"))) == newest_first[3:6]
    assert card_titles(visitor.get(LIST, {"page": "99"})) == newest_first[9:]
    assert card_titles(visitor.get(LIST, {"page": "x"})) == newest_first[:3]


def test_a_page_by_position_is_its_own_canonical_address(visitor, author, settings):
    shelve_with_ties(author)
    older = link(visitor.get(f"{LIST}?setting=grocery&utm_source=x"), "next")

    second = visitor.get(older)

    (canonical,) = parse(second).find_all("link", rel="canonical")
    token = older.split("before=")[1]
    assert canonical.attrs["href"] == f"{settings.SITE_URL}{LIST}?setting=grocery&before={token}"


def queries_of(client, url: str) -> int:
    caches["pages"].clear()
    source_essays()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "query",
    ["", "practice=give-grace&", "tag=counter&", "sort=thanked&", "setting=grocery&"],
)
def test_a_deep_page_runs_the_queries_of_page_two(other_client, author, query):
    for index in range(30):
        StoryFactory(author=author, practices=["give-grace"], tags=["counter"], thanks_count=index)
    url = f"{LIST}?{query}"
    pages = [url]
    for _ in range(6):
        pages.append(link(other_client.get(pages[-1]), "next"))

    second, deep = queries_of(other_client, pages[1]), queries_of(other_client, pages[-1])

    assert second == deep
    # Signed in: the session with its member and the version, then the page's own: the
    # practices, the count, the page's ids, its cards (a tag list looks its tag up but counts
    # nothing deep down).
    assert deep == 5


def test_newer_shows_the_page_the_reader_came_from_after_a_publish(visitor, author):
    shelve_with_ties(author)
    second = visitor.get(link(visitor.get(LIST), "next"))
    third = visitor.get(link(second, "next"))

    StoryFactory(author=author, title="Just published")
    back = visitor.get(link(third, "prev"))

    assert card_titles(back) == card_titles(second)
    assert position(back) == "Page 2 of 4"
    assert link(back, "prev") is not None


def test_newer_at_the_top_of_the_list_is_the_first_page(visitor, author):
    newest_first = shelve_with_ties(author)
    third = visitor.get(link(visitor.get(link(visitor.get(LIST), "next")), "next"))
    for title in newest_first[:4]:
        withdraw_story(story=Story.objects.get(title=title))

    back = visitor.get(link(third, "prev"))

    assert card_titles(back) == newest_first[4:7]
    assert link(back, "prev") is None


@pytest.mark.parametrize("token", ["nonsense", "t3-abc-1", "n3-abc-0"])
def test_a_newer_token_the_site_did_not_make_is_not_found(visitor, published_story, token):
    assert visitor.get(LIST, {"after": token}).status_code == 404
