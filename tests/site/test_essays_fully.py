"""Issue 13, "The essays, fully": every practice the essays describe, each citing its source."""

from html import unescape

import pytest

from kindness.demo import demo_stories
from stories.models import Practice, SourceEssay
from tests.stories.helpers import page_text as raw_text

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return unescape(raw_text(response))


ADDED = {
    "ask-how-long": "how-did-i-do",
    "serve-your-own-team": "leadership-and-main",
    "not-about-you": "customer-service-secret",
}


@pytest.mark.parametrize(("slug", "essay"), ADDED.items())
def test_it_adds_the_practice_citing_its_essay(client, slug, essay):
    practice = Practice.objects.get(slug=slug)

    response = client.get(practice.get_absolute_url())

    assert list(practice.sources.values_list("key", flat=True)) == [essay]
    text = page_text(response)
    assert practice.name in text
    sources = text.split("Where it comes from")[1].split("</section>")[0]
    assert SourceEssay.objects.get(key=essay).title in sources


@pytest.mark.parametrize("slug", ADDED)
def test_each_added_practice_has_a_published_demo_story(slug):
    assert any(
        slug in story["practices"] and story["status"] == "published" for story in demo_stories()
    )


def test_being_patient_cites_the_airline_readers_comment_not_leadership_and_main(client):
    practice = Practice.objects.get(slug="be-patient")

    text = page_text(client.get(practice.get_absolute_url()))

    assert list(practice.sources.values_list("key", flat=True)) == ["how-did-i-do-airline-comment"]
    sources = text.split("Where it comes from")[1].split("</section>")[0]
    assert "A reader's comment on “Flipping Service; How Did I Do as Your Customer?”" in sources
    assert "Leadership and Main" not in sources


def test_every_practice_has_its_card_wording():
    for practice in Practice.objects.all():
        assert practice.card_sentence, practice.slug
        assert practice.card_question, practice.slug


def test_only_how_did_i_do_asks_for_a_score_from_one_to_five():
    scored = Practice.objects.filter(card_scale_top__isnull=False)

    assert [(p.slug, p.card_scale_top) for p in scored] == [("ask-how-did-i-do", 5)]
