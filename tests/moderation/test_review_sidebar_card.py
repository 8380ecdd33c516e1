"""The storyteller card and the story's practices and tags on review pages (moderation.sidebar)
are read on every request: a new story, a suspension or a changed tag shows at once."""

from django.urls import reverse

from moderation.suspensions import lift_suspension, suspend_member
from stories.models import Story
from tests.factories import FlagFactory, StoryFactory
from tests.pages import parse


def facts(response) -> dict[str, str]:
    card = parse(response).find("dl", cls="facts")
    terms = [term.text.strip() for term in card.find_all("dt")]
    values = [" ".join(value.text.split()) for value in card.find_all("dd")]
    return dict(zip(terms, values, strict=True))


def chips(response, label: str) -> list[str]:
    chip_list = parse(response).find("ul", **{"aria-label": label})
    return [chip.text.strip() for chip in chip_list.find_all("a")] if chip_list else []


def test_the_card_counts_the_storytellers_stories_as_they_change(
    moderator_client, author, waiting_story
):
    url = reverse("moderation:review", kwargs={"pk": waiting_story.pk})
    before = facts(moderator_client.get(url))
    assert (before["Stories published"], before["Stories in all"]) == ("0", "1")

    StoryFactory(author=author)
    StoryFactory(author=author, status=Story.Status.REJECTED)

    after = facts(moderator_client.get(url))
    assert after["Stories published"] == "1"
    assert after["Stories rejected"] == "1"
    assert after["Stories in all"] == "3"


def test_the_card_shows_a_suspension_from_the_next_request(
    moderator_client, moderator, author, published_story
):
    FlagFactory(story=published_story)
    url = reverse("moderation:review_flags", kwargs={"pk": published_story.pk})
    assert "Suspend this member" in moderator_client.get(url).content.decode()

    suspend_member(member=author, moderator=moderator, days=None, reason="Abuse.")
    page = moderator_client.get(url).content.decode()
    assert "Suspended for good." in page
    assert "Suspend this member" not in page

    lift_suspension(member=author, moderator=moderator)
    assert "Suspended" not in moderator_client.get(url).content.decode()


def test_the_review_page_shows_the_storys_own_practices_and_tags(moderator_client, submitted_story):
    story = submitted_story(practices=["say-thank-you"], tags=["night-shift"])
    other = submitted_story(practices=["be-patient"], tags=["late-order"])
    url = reverse("moderation:review", kwargs={"pk": story.pk})

    page = moderator_client.get(url)
    assert chips(page, "Tags") == ["#night-shift"]
    assert len(chips(page, "Practices")) == 1

    story.tags.add("kind-words")
    assert chips(moderator_client.get(url), "Tags") == ["#kind-words", "#night-shift"]
    assert chips(
        moderator_client.get(reverse("moderation:review", kwargs={"pk": other.pk})), "Tags"
    ) == ["#late-order"]
