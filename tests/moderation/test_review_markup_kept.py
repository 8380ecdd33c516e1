"""The review pages' preview and marked text are kept per process on the values they show
(moderation.review_markup): the same markup as a fresh render, and new markup for any change."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from moderation import review_markup, review_page
from stories.models import Practice, Story
from tests.factories import StoryPhotoFactory
from tests.pages import parse


def fresh_article(story, practices, tags, date) -> str:
    return render_to_string(
        "includes/_story_article.html",
        {
            "title": story.title,
            "body": story.body,
            "byline": story.byline,
            "date": date,
            "perspective": story.get_perspective_display,
            "setting": story.get_setting_display,
            "practices": practices,
            "tags": tags,
            "photo": story.photo,
            "photo_alt": story.photo_alt,
        },
    )


def article_of(response) -> str:
    return parse(response).find("div", cls="preview-frame").find("article")


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"is_anonymous": True, "tags": ["night-shift", "apple-pie"]},
        {"practices": "two", "tags": [], "body": "One *kind* line.\n\n- a list\n- of two"},
        {"photo": True, "photo_alt": "A counter <at> night & day"},
    ],
    ids=["plain", "anonymous-with-tags", "practices-and-markdown", "photo"],
)
def test_the_kept_preview_is_the_fresh_render(author, submitted_story, fields):
    fields = dict(fields)
    if fields.get("practices") == "two":
        fields["practices"] = list(Practice.objects.values_list("slug", flat=True)[:2])
    if fields.pop("photo", False):
        fields["photo"] = StoryPhotoFactory(owner=author)
    story = submitted_story(title="Tea & <biscuits>", **fields)
    page = review_page.read(story.pk)

    for date in (page.story.submitted_at, None):
        kept = review_markup.article(
            review_markup.shown(page.story, date=date, practices=page.practices, tags=page.tags)
        )
        assert kept == fresh_article(page.story, page.practices, page.tags, date)


def test_the_preview_follows_every_change_to_what_it_shows(moderator_client, submitted_story):
    story = submitted_story(title="The first title", tags=["apple-pie"])
    url = reverse("moderation:review", kwargs={"pk": story.pk})
    first = article_of(moderator_client.get(url))
    assert "The first title" in first.text

    Story.objects.filter(pk=story.pk).update(title="A new title", body="A new body.")
    story.tags.set(["night-shift"])
    story.practices.set([Practice.objects.first()])
    after = article_of(moderator_client.get(url))

    assert "The first title" not in after.text
    assert "A new title" in after.text
    assert "A new body." in after.text
    assert [chip.text for chip in after.find_all("a", cls="chip-tag")] == ["#night-shift"]
    assert Practice.objects.first().name in after.text

    Practice.objects.filter(pk=Practice.objects.first().pk).update(name="A renamed practice")
    assert "A renamed practice" in article_of(moderator_client.get(url)).text


def test_the_marked_details_follow_the_text(moderator_client, submitted_story):
    story = submitted_story(body="The clerk was patient with us.")
    url = reverse("moderation:review", kwargs={"pk": story.pk})
    assert parse(moderator_client.get(url)).find("section", cls="privacy-check") is None

    Story.objects.filter(pk=story.pk).update(body="Maria Lopez at the desk called 555-0134.")
    section = parse(moderator_client.get(url)).find("section", cls="privacy-check")

    assert [mark.text for mark in section.find_all("mark")] == ["Maria Lopez", "555-0134"]

    Story.objects.filter(pk=story.pk).update(body="The clerk was patient again.")
    assert parse(moderator_client.get(url)).find("section", cls="privacy-check") is None
