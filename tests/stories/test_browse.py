from datetime import timedelta
from html import escape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.utils import timezone

from stories.models import Practice, Story
from tests.factories import StoryFactory, StoryPhotoFactory
from tests.pages import parse
from tests.stories.helpers import card_titles, page_text, section


def published_days_ago(days: int, **fields) -> Story:
    return StoryFactory(published_at=timezone.now() - timedelta(days=days), **fields)


def query_of(link: str) -> dict:
    return {key: values[0] for key, values in parse_qs(urlsplit(link).query).items()}


def pagination_links(response) -> list[str]:
    return [
        link.attrs["href"] for link in parse(response).find("nav", cls="pagination").find_all("a")
    ]


@pytest.mark.django_db
def test_the_story_list_shows_twenty_stories_a_page_newest_first(visitor, author):
    for day in range(25):
        published_days_ago(day, author=author, title=f"Story {day:02d}")

    first = visitor.get("/stories/")
    second = visitor.get("/stories/?page=2")

    assert card_titles(first) == [f"Story {day:02d}" for day in range(20)]
    assert card_titles(second) == [f"Story {day:02d}" for day in range(20, 25)]
    assert "25 stories" in page_text(first)
    assert "Page 1 of 2" in page_text(first)
    (older,) = pagination_links(first)
    assert list(query_of(older)) == ["before"]
    assert card_titles(visitor.get(older)) == card_titles(second)


@pytest.mark.django_db
def test_filters_combine(visitor, author):
    wanted = {
        "practices": ["give-grace"],
        "setting": Story.Setting.AIRLINE,
        "perspective": Story.Perspective.WORKER,
        "tags": ["late-order"],
    }
    StoryFactory(author=author, title="All four match", **wanted)
    StoryFactory(author=author, title="Other practice", **{**wanted, "practices": ["be-patient"]})
    StoryFactory(author=author, title="Other setting", **{**wanted, "setting": "hotel"})
    StoryFactory(author=author, title="Other view", **{**wanted, "perspective": "witness"})
    StoryFactory(author=author, title="Other tag", **{**wanted, "tags": ["night-shift"]})
    StoryFactory(author=author, title="No tag", **{**wanted, "tags": []})

    response = visitor.get(
        "/stories/?practice=give-grace&setting=airline&perspective=worker&tag=late-order"
    )

    assert response.status_code == 200
    assert card_titles(response) == ["All four match"]
    assert "Stories tagged #late-order" in page_text(response)


@pytest.mark.django_db
def test_each_filter_alone_narrows_the_list(visitor, author):
    StoryFactory(author=author, title="At the gate", setting=Story.Setting.AIRLINE)
    StoryFactory(author=author, title="At the till", setting=Story.Setting.GROCERY)
    StoryFactory(author=author, title="Behind the till", perspective=Story.Perspective.WORKER)

    assert card_titles(visitor.get("/stories/?setting=airline")) == ["At the gate"]
    assert card_titles(visitor.get("/stories/?perspective=worker")) == ["Behind the till"]


@pytest.mark.django_db
def test_pagination_and_tag_links_keep_the_other_filters(visitor, author):
    for day in range(22):
        published_days_ago(
            day,
            author=author,
            practices=["give-grace"],
            setting=Story.Setting.AIRLINE,
            tags=["late-order"],
        )

    response = visitor.get("/stories/?practice=give-grace&setting=airline&tag=late-order")

    assert len(card_titles(response)) == 20
    (next_link,) = pagination_links(response)
    assert query_of(next_link) == {
        "practice": "give-grace",
        "setting": "airline",
        "tag": "late-order",
        "before": query_of(next_link)["before"],
    }
    second = visitor.get(next_link)
    assert len(card_titles(second)) == 2
    assert query_of(pagination_links(second)[0])["practice"] == "give-grace"

    remove_tag = next(
        link for link in parse(response).find_all("a") if link.text == "Remove the tag filter"
    )
    assert query_of(remove_tag.attrs["href"]) == {
        "practice": "give-grace",
        "setting": "airline",
    }


@pytest.mark.django_db
def test_a_bad_filter_value_shows_every_story_rather_than_failing(visitor, published_story):
    response = visitor.get("/stories/?practice=no-such-practice&sort=sideways")

    assert response.status_code == 200
    assert card_titles(response) == ["Thank you, Dana"]


@pytest.mark.django_db
def test_most_thanked_puts_the_most_thanked_story_first(visitor, author):
    published_days_ago(3, author=author, title="Ten thanks", thanks_count=10)
    published_days_ago(1, author=author, title="One thanks", thanks_count=1)
    published_days_ago(2, author=author, title="Fifty thanks", thanks_count=50)

    thanked = visitor.get("/stories/?sort=thanked")
    newest = visitor.get("/stories/")

    assert card_titles(thanked) == ["Fifty thanks", "Ten thanks", "One thanks"]
    assert card_titles(newest) == ["One thanks", "Fifty thanks", "Ten thanks"]


@pytest.mark.django_db
def test_a_story_page_shows_everything_about_the_story(visitor, author):
    photo = StoryPhotoFactory(owner=author)
    story = StoryFactory(
        author=author,
        title="The nurse at the desk",
        body="She had been on for *twelve hours*.",
        perspective=Story.Perspective.WITNESS,
        setting=Story.Setting.HEALTHCARE,
        practices=["see-the-person", "say-thank-you"],
        tags=["night-shift", "hospital"],
        photo=photo,
        photo_alt="A paper cup on a counter",
    )

    response = visitor.get(story.get_absolute_url())

    text = page_text(response)
    assert "<h1>The nurse at the desk</h1>" in text
    assert "By Alice" in text
    assert timezone.localdate(story.published_at).strftime("%-d %B %Y") in text
    assert "I saw it happen" in text
    assert "Healthcare" in text
    assert "She had been on for <em>twelve hours</em>." in text
    for practice in Practice.objects.filter(slug__in=["see-the-person", "say-thank-you"]):
        assert (
            f'<a class="chip" href="{practice.get_absolute_url()}">{escape(practice.name)}</a>'
            in text
        )
    assert "#night-shift" in text
    assert "#hospital" in text
    assert f'<img src="{photo.url()}" alt="A paper cup on a counter"' in text


@pytest.mark.django_db
def test_a_story_page_suggests_up_to_three_published_stories_of_the_same_practice(visitor, author):
    story = published_days_ago(0, author=author, title="This one", practices=["give-grace"])
    for day in range(1, 6):
        published_days_ago(day, author=author, title=f"Grace {day}", practices=["give-grace"])
    StoryFactory(
        author=author,
        title="Grace in review",
        practices=["give-grace"],
        status=Story.Status.SUBMITTED,
    )
    published_days_ago(0, author=author, title="Patience", practices=["be-patient"])

    response = visitor.get(story.get_absolute_url())

    related = parse(response).find("ul", cls="related")
    titles = [link.text for link in related.find_all("a")]
    assert titles == ["Grace 1", "Grace 2", "Grace 3"]


@pytest.mark.django_db
def test_a_story_with_no_companions_shows_no_related_section(visitor, author):
    story = StoryFactory(author=author, practices=["build-a-partnership"])
    StoryFactory(author=author, practices=["build-a-partnership"], status=Story.Status.SUBMITTED)

    assert "More stories like this" not in page_text(visitor.get(story.get_absolute_url()))


@pytest.mark.django_db
def test_a_published_story_page_carries_its_canonical_link_and_sharing_tags(
    visitor, published_story
):
    response = visitor.get(published_story.get_absolute_url())

    text = page_text(response)
    canonical = f"{settings.SITE_URL}{published_story.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in text
    assert '<meta property="og:title" content="Thank you, Dana">' in text
    assert f'<meta property="og:url" content="{canonical}">' in text
    assert 'name="robots" content="noindex"' not in text


@pytest.mark.django_db
def test_the_home_page_shows_practice_cards_with_counts_and_the_latest_stories(visitor, author):
    for day in range(8):
        published_days_ago(day, author=author, title=f"Latest {day}", practices=["smile-first"])
    StoryFactory(author=author, practices=["smile-first"], status=Story.Status.SUBMITTED)

    response = visitor.get("/")

    assert response.status_code == 200
    text = page_text(response)
    for practice in Practice.objects.all():
        assert f'<a href="{practice.get_absolute_url()}">{escape(practice.name)}</a>' in text
    smile_card = section(response, 'href="/practices/smile-first/"', "</li>")
    assert "8 stories" in smile_card
    grace_card = section(response, 'href="/practices/give-grace/"', "</li>")
    assert "0 stories" in grace_card
    assert card_titles(response) == [f"Latest {day}" for day in range(6)]


@pytest.mark.django_db
def test_the_home_page_invites_the_first_story_when_there_is_none(visitor):
    response = visitor.get("/")

    assert "No stories are published yet." in page_text(response)
    assert card_titles(response) == []


@pytest.mark.django_db
def test_a_members_page_lists_their_published_stories(visitor, author, other_member):
    StoryFactory(author=author, title="Alice's first")
    StoryFactory(author=author, title="Alice's pending", status=Story.Status.SUBMITTED)
    StoryFactory(author=other_member, title="Bob's story")

    response = visitor.get(f"/members/{author.pk}/")

    assert "Stories by Alice" in page_text(response)
    assert card_titles(response) == ["Alice's first"]


@pytest.mark.django_db
def test_an_inactive_members_page_is_not_found(visitor, author, published_story):
    author.is_active = False
    author.save()

    assert visitor.get(f"/members/{author.pk}/").status_code == 404
