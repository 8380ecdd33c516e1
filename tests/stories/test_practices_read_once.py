"""A list page reads the practices once (stories.practice_choices) for its filter, the filter's
markup and its cards, and pages rendered at the same content version share that read; the member
page reads its member by a statement (stories.list_reads)."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kindness.context_processors import source_essays
from moderation.decisions import decide_story
from moderation.models import Action
from stories.cards import cards_for
from stories.forms import ListFilterForm
from stories.models import Practice
from tests.factories import StoryFactory, UserFactory
from tests.pages import field_errors, parse

pytestmark = pytest.mark.django_db

LIST = reverse("stories:list")
SEARCH = reverse("stories:search")


def chips_on_list(client, query: str = "") -> list[str]:
    page = parse(client.get(f"{LIST}?{query}"))
    return [chip.text.strip() for chip in page.find_all("a", cls="chip")]


def test_a_card_names_its_practices_in_the_sites_order(visitor, author):
    StoryFactory(author=author, practices=["smile-first", "give-grace", "see-the-person"])
    order = list(Practice.objects.values_list("name", flat=True))

    chips = chips_on_list(visitor)

    assert chips == sorted(chips, key=order.index)
    assert len(chips) == 3


def test_a_renamed_practice_is_renamed_on_the_cards_after_the_change(visitor, author):
    StoryFactory(author=author, practices=["give-grace"])
    assert chips_on_list(visitor) == [Practice.objects.get(slug="give-grace").name]

    Practice.objects.filter(slug="give-grace").update(name="Grace, always")

    assert chips_on_list(visitor) == ["Grace, always"]


def practice_reads(captured) -> list[dict]:
    return [query for query in captured if 'FROM "stories_practice"' in query["sql"]]


def test_pages_rendered_at_one_content_version_read_the_practices_once(visitor, author):
    StoryFactory(author=author, title="Grace at the gate", practices=["give-grace"])
    visitor.get(f"{SEARCH}?q=grace")

    with CaptureQueriesContext(connection) as captured:
        searched = visitor.get(f"{SEARCH}?q=gate")
        listed = visitor.get(f"{LIST}?practice=give-grace")

    assert practice_reads(captured) == []
    assert "Grace at the gate" in searched.text
    assert "Grace at the gate" in listed.text


def test_a_practice_renamed_since_is_renamed_on_the_next_page_rendered(visitor, author):
    StoryFactory(author=author, title="Grace at the gate", practices=["give-grace"])
    visitor.get(f"{SEARCH}?q=grace")

    Practice.objects.filter(slug="give-grace").update(name="Grace, always")

    page = parse(visitor.get(f"{SEARCH}?q=gate"))
    assert [chip.text.strip() for chip in page.find_all("a", cls="chip")] == ["Grace, always"]
    names = [option.text for option in page.find("select", name="practice").find_all("option")]
    assert "Grace, always" in names


def reads_of_the_practice_list(captured) -> list[dict]:
    """Reads of stories.practice_choices' list, not the home grid's or a practice page's counts."""
    listed = '"stories_practice"."name" AS "name" FROM "stories_practice" ORDER BY'
    return [query for query in captured if listed in query["sql"]]


@pytest.mark.parametrize(
    "address",
    [
        reverse("home"),
        LIST,
        f"{LIST}?practice=give-grace",
        f"{SEARCH}?q=grace",
        reverse("stories:practice", kwargs={"slug": "give-grace"}),
    ],
    ids=["home", "list", "list by practice", "search", "practice page"],
)
def test_a_publish_renders_the_next_page_afresh_with_the_practices_already_read(
    visitor, author, moderator, address
):
    StoryFactory(author=author, title="Grace at the gate", practices=["give-grace"])
    visitor.get(address)
    later = StoryFactory(
        author=author, title="Grace at the till", practices=["give-grace"], status="submitted"
    )
    decide_story(story=later, moderator=moderator, action=Action.APPROVE)

    with CaptureQueriesContext(connection) as captured:
        page = visitor.get(address)

    assert reads_of_the_practice_list(captured) == []
    assert "Grace at the till" in page.text
    assert Practice.objects.get(slug="give-grace").name in page.text


def test_the_member_page_after_a_publish_names_the_practices_already_read(
    visitor, author, moderator
):
    StoryFactory(author=author, practices=["give-grace"])
    address = reverse("stories:member", kwargs={"pk": author.pk})
    visitor.get(address)
    later = StoryFactory(
        author=author, title="Grace at the till", practices=["smile-first"], status="submitted"
    )
    decide_story(story=later, moderator=moderator, action=Action.APPROVE)

    with CaptureQueriesContext(connection) as captured:
        page = parse(visitor.get(address))

    assert reads_of_the_practice_list(captured) == []
    chips = [chip.text.strip() for chip in page.find_all("a", cls="chip")]
    assert sorted(chips) == sorted(
        Practice.objects.filter(slug__in=["give-grace", "smile-first"]).values_list(
            "name", flat=True
        )
    )


def test_a_story_without_practices_shows_no_practice_on_its_card(author):
    story = StoryFactory(author=author, practices=[])

    (card,) = cards_for([story.pk])

    assert list(card.practices.all()) == []


def test_the_practice_filter_narrows_the_list_to_that_practice(visitor, author):
    StoryFactory(author=author, title="Graceful", practices=["give-grace"])
    StoryFactory(author=author, title="Smiling", practices=["smile-first"])

    page = parse(visitor.get(f"{LIST}?practice=give-grace"))

    titles = [heading.text.strip() for heading in page.find("div", cls="story-list").find_all("h3")]
    assert titles == ["Graceful"]


def test_an_unknown_practice_says_so_as_the_model_choice_did(visitor):
    page = visitor.get(f"{LIST}?practice=no-such-practice")

    assert field_errors(page, "practice") == [
        "Select a valid choice. That choice is not one of the available choices."
    ]


def test_the_chosen_practice_is_cleaned_to_that_practice():
    form = ListFilterForm(QueryDict("practice=give-grace"))

    assert form.is_valid()
    practice = form.cleaned_data["practice"]
    assert practice == Practice.objects.get(slug="give-grace")
    assert (practice.slug, practice.name) == (
        "give-grace",
        Practice.objects.get(pk=practice.pk).name,
    )
    assert practice.description == Practice.objects.get(slug="give-grace").description


def test_a_list_by_practice_reads_the_practices_once(visitor, author):
    StoryFactory(author=author, practices=["give-grace", "smile-first"])
    caches["pages"].clear()
    source_essays()  # the footer's essays, kept for ten minutes

    with CaptureQueriesContext(connection) as captured:
        visitor.get(f"{LIST}?practice=give-grace")

    assert len(practice_reads(captured)) == 1
    assert len(captured) == 5


def test_the_member_page_shows_an_active_member_and_no_one_else(visitor, author):
    StoryFactory(author=author)
    gone = UserFactory(is_active=False)

    shown = visitor.get(reverse("stories:member", kwargs={"pk": author.pk}))

    assert shown.status_code == 200
    assert f"Stories by {author.public_name}" in parse(shown).find("h1").text
    assert visitor.get(reverse("stories:member", kwargs={"pk": gone.pk})).status_code == 404
    assert visitor.get(reverse("stories:member", kwargs={"pk": 2**63})).status_code == 404
