"""Printable practice cards: one practice on a card, printed at A6 or business-card size."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.urls import reverse

from stories.models import Practice
from tests.pages import parse
from tests.stories.helpers import page_text

pytestmark = pytest.mark.django_db


def card_url(slug: str, size: str | None = None) -> str:
    url = reverse("stories:practice_card", kwargs={"slug": slug})
    return f"{url}?size={size}" if size else url


def the_card(response):
    return parse(response).find(cls="practice-card")


def test_a_practice_page_links_to_its_card(visitor):
    practice = Practice.objects.get(slug="say-thank-you")

    page = parse(visitor.get(practice.get_absolute_url()))

    assert page.find("a", href=card_url("say-thank-you")).text == "Print it on a card"


def test_the_card_shows_the_practice_its_question_and_the_sites_short_address(visitor, settings):
    settings.SITE_URL = "https://www.flipthecounter.example"
    practice = Practice.objects.get(slug="ask-how-are-you")

    card = the_card(visitor.get(card_url(practice.slug)))

    assert card.find("h2").text == practice.name
    assert card.find(cls="card-sentence").text == practice.card_sentence
    assert card.find(cls="card-question").text == "“How are you?”"
    assert card.find(cls="card-address").text == "flipthecounter.example"
    assert card.find(cls="card-scale") is None


def test_the_how_did_i_do_card_carries_the_scale_from_one_to_five(visitor):
    card = the_card(visitor.get(card_url("ask-how-did-i-do")))

    assert "on a scale of one to five" in card.find(cls="card-question").text
    assert [item.text for item in card.find(cls="card-scale").find_all("li")] == [
        "1",
        "2",
        "3",
        "4",
        "5",
    ]


def test_the_card_reads_its_wording_from_the_practice(visitor):
    Practice.objects.filter(slug="smile-first").update(
        card_sentence="Warmth first, errands second.", card_question="Morning! How's the line?"
    )
    caches["pages"].clear()

    card = the_card(visitor.get(card_url("smile-first")))

    assert card.find(cls="card-sentence").text == "Warmth first, errands second."
    assert card.find(cls="card-question").text == "“Morning! How's the line?”"


def test_the_screen_version_says_how_to_use_the_card(visitor):
    page = parse(visitor.get(card_url("smile-first")))

    steps = " ".join(item.text for item in page.find(cls="card-howto").find("ol").find_all("li"))
    for step in ("Print this page", "Cut along the dashed line", "wallet"):
        assert step in steps


@pytest.mark.parametrize(
    ("size", "stylesheet"),
    [(None, "card-a6.css"), ("a6", "card-a6.css"), ("business", "card-business.css")],
)
def test_the_chosen_size_picks_the_print_stylesheet(visitor, size, stylesheet):
    page = parse(visitor.get(card_url("smile-first", size)))

    printed = page.find_all("link", rel="stylesheet", media="print")
    assert [link.attrs["href"].rsplit("/", 1)[-1] for link in printed] == [stylesheet]


def test_an_unknown_size_falls_back_to_a6(visitor):
    page = parse(visitor.get(card_url("smile-first", "poster")))

    assert page.find("link", media="print").attrs["href"].endswith("card-a6.css")
    chosen = page.find(cls="card-sizes").find("a", **{"aria-current": "page"})
    assert chosen.text.startswith("A6")


def test_each_print_stylesheet_sets_its_paper_size():
    a6 = Path(finders.find("css/card-a6.css")).read_text(encoding="utf-8")
    business = Path(finders.find("css/card-business.css")).read_text(encoding="utf-8")

    assert "@page { size: A6;" in a6
    assert "@page { size: 85mm 55mm;" in business


def test_an_unknown_practice_has_no_card(visitor):
    assert visitor.get(card_url("no-such-practice")).status_code == 404


def test_the_card_page_runs_three_queries_then_one_from_the_page_cache(
    visitor, django_assert_num_queries
):
    # The content version the page cache is keyed on, the footer's essays, the practice.
    with django_assert_num_queries(3):
        assert visitor.get(card_url("smile-first")).status_code == 200
    with django_assert_num_queries(1):  # the content version the cache key holds
        assert visitor.get(card_url("smile-first")).status_code == 200


def test_the_card_page_runs_a_fixed_number_of_queries_for_a_member(
    author_client, django_assert_num_queries
):
    author_client.get(card_url("say-thank-you"))
    # The session with the member and the content version (members share the visitors' page),
    # the card.
    with django_assert_num_queries(2):
        assert author_client.get(card_url("smile-first")).status_code == 200


def test_the_card_page_has_link_preview_tags(visitor, settings):
    text = page_text(visitor.get(card_url("smile-first", "business") + "&utm_source=x"))

    canonical = f"{settings.SITE_URL}{card_url('smile-first', 'business')}"
    assert f'<link rel="canonical" href="{canonical}">' in text
    assert '<meta property="og:title" content="Printable card: Smile first">' in text
