from html import escape

import pytest
from django.core.cache import caches

from stories.models import Practice, Story
from tests.factories import StoryFactory
from tests.stories.helpers import card_titles, page_text, section

PRACTICE_SLUGS = [
    "see-the-person",
    "smile-first",
    "ask-how-are-you",
    "call-them-by-name",
    "ask-politely",
    "be-patient",
    "give-grace",
    "stay-kind-with-bad-news",
    "ask-what-could-i-do-differently",
    "make-their-day-better",
    "say-thank-you",
    "tip-from-who-you-are",
    "ask-how-did-i-do",
    "build-a-partnership",
    "ask-how-long",
    "serve-your-own-team",
    "not-about-you",
]


def practice_card(response, slug: str) -> str:
    return section(response, f'href="/practices/{slug}/"', "</li>")


@pytest.mark.django_db
def test_it_loads_the_seventeen_practices_in_order():
    assert list(Practice.objects.values_list("slug", flat=True)) == PRACTICE_SLUGS


@pytest.mark.django_db
@pytest.mark.parametrize("slug", PRACTICE_SLUGS)
def test_it_gives_every_practice_a_description_a_try_it_and_a_source(slug):
    practice = Practice.objects.get(slug=slug)

    assert practice.name
    assert len(practice.description) > 40
    assert len(practice.try_it) > 20
    assert practice.sources.exists()


@pytest.mark.django_db
def test_it_lists_every_practice_with_its_published_story_count(visitor, author):
    StoryFactory.create_batch(2, author=author, practices=["smile-first"])
    StoryFactory(author=author, practices=["smile-first", "say-thank-you"])
    for status in (Story.Status.DRAFT, Story.Status.SUBMITTED, Story.Status.WITHDRAWN):
        StoryFactory(author=author, practices=["smile-first", "be-patient"], status=status)

    response = visitor.get("/practices/")

    assert response.status_code == 200
    for practice in Practice.objects.all():
        assert escape(practice.name) in page_text(response)
    assert "3 stories" in practice_card(response, "smile-first")
    assert "1 story ·" in practice_card(response, "say-thank-you")
    assert "0 stories" in practice_card(response, "be-patient")


@pytest.mark.django_db
def test_it_credits_the_source_essays_on_the_practice_list(visitor):
    response = visitor.get("/practices/")

    assert "Flipping Service; How Did I Do as Your Customer?" in practice_card(
        response, "ask-how-did-i-do"
    )


@pytest.mark.django_db
def test_a_practice_page_explains_the_practice_and_credits_its_sources(visitor):
    practice = Practice.objects.get(slug="give-grace")

    response = visitor.get("/practices/give-grace/")

    assert response.status_code == 200
    text = page_text(response)
    assert f"<h1>{escape(practice.name)}</h1>" in text
    assert escape(practice.description) in text
    assert '<h2 id="try-heading">Try it</h2>' in text
    assert escape(practice.try_it) in text
    sources = section(response, "Where it comes from", "</section>")
    for essay in practice.sources.all():
        assert f"<cite>{escape(essay.title)}</cite>" in sources
    assert practice.sources.count() == 3


@pytest.mark.django_db
def test_a_practice_page_credits_its_essays_by_title_and_stands_without_any(visitor, author):
    practice = Practice.objects.get(slug="give-grace")
    titles = sorted(practice.sources.values_list("title", flat=True))
    StoryFactory(author=author, title="Grace at the gate", practices=["give-grace"])

    credits = section(visitor.get("/practices/give-grace/"), "Where it comes from", "</section>")
    assert [credits.index(f"<cite>{escape(title)}</cite>") for title in titles] == sorted(
        credits.index(f"<cite>{escape(title)}</cite>") for title in titles
    )

    practice.sources.clear()
    caches["pages"].clear()  # the credits change no content version: see stories.freshness
    response = visitor.get("/practices/give-grace/")
    assert response.status_code == 200
    assert "<cite>" not in section(response, "Where it comes from", "</section>")
    assert card_titles(response) == ["Grace at the gate"]
    assert "Stories (1)" in page_text(response)


@pytest.mark.django_db
def test_a_practice_page_shows_only_published_stories_of_that_practice(visitor, author):
    StoryFactory(author=author, title="Grace at the gate", practices=["give-grace"])
    StoryFactory(author=author, title="Patience in line", practices=["be-patient"])
    StoryFactory(
        author=author,
        title="Grace still waiting",
        practices=["give-grace"],
        status=Story.Status.SUBMITTED,
    )

    response = visitor.get("/practices/give-grace/")

    assert card_titles(response) == ["Grace at the gate"]
    assert "Stories (1)" in page_text(response)


@pytest.mark.django_db
def test_an_unknown_practice_is_not_found(visitor):
    assert visitor.get("/practices/shout-louder/").status_code == 404
    assert visitor.get("/practices/shout-louder/feed/").status_code == 404


@pytest.mark.django_db
def test_the_practice_feed_lists_only_published_stories_of_that_practice(visitor, author):
    StoryFactory(author=author, title="Smiled at the gate", practices=["smile-first"])
    StoryFactory(author=author, title="Name at the till", practices=["call-them-by-name"])
    StoryFactory(
        author=author,
        title="Smile still in review",
        practices=["smile-first"],
        status=Story.Status.SUBMITTED,
    )

    response = visitor.get("/practices/smile-first/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = page_text(response)
    assert "Smile first" in feed
    assert "<title>Smiled at the gate</title>" in feed
    assert "Name at the till" not in feed
    assert "Smile still in review" not in feed
