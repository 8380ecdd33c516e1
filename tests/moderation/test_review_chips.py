"""The review page reads a story's practices and tags in one statement (moderation.sidebar):
practices in their own order, tags by name, never one list's chips in the other."""

from django.urls import reverse

from stories.models import Practice
from tests.pages import parse


def chips(response, label: str) -> list[str]:
    chip_list = parse(response).find("ul", **{"aria-label": label})
    return [chip.text.strip() for chip in chip_list.find_all("a")] if chip_list else []


def test_it_keeps_practices_in_their_order_and_tags_by_name(moderator_client, submitted_story):
    slugs = list(Practice.objects.order_by("-position").values_list("slug", flat=True)[:3])
    assert len(slugs) == 3
    story = submitted_story(practices=slugs, tags=["zebra-crossing", "apple-pie", "night-shift"])

    page = moderator_client.get(reverse("moderation:review", kwargs={"pk": story.pk}))

    assert chips(page, "Practices") == list(
        Practice.objects.filter(slug__in=slugs).values_list("name", flat=True)
    )
    assert chips(page, "Tags") == ["#apple-pie", "#night-shift", "#zebra-crossing"]


def test_a_story_with_tags_alone_shows_no_practice(moderator_client, submitted_story):
    story = submitted_story(practices=[], tags=["night-shift"])

    page = moderator_client.get(reverse("moderation:review_flags", kwargs={"pk": story.pk}))

    assert chips(page, "Practices") == []
    assert chips(page, "Tags") == ["#night-shift"]
