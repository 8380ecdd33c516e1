"""Readers of rendered pages and builders of form data shared by the moderation tests."""

import html

from django.test import Client
from django.urls import reverse

from stories.models import Story, StoryRevision
from tests.pages import hidden_fields, parse


def text(response) -> str:
    """The page as a person reads it: entities decoded."""
    return html.unescape(response.content.decode())


def messages_shown(response) -> list[str]:
    """The flash messages rendered at the top of a page."""
    block = parse(response).find("div", cls="messages", role="status")
    if block is None:
        return []
    return [message.text for message in block.find_all("p", cls="message")]


def review_url(story: Story) -> str:
    return reverse("moderation:review", kwargs={"pk": story.pk})


def review_and_decide(client: Client, story: Story, **choice):
    """Open the review page as a moderator would, then send the decision form as it was shown."""
    page = client.get(reverse("moderation:review", kwargs={"pk": story.pk}))
    assert page.status_code == 200, page.status_code
    data = {
        "action": "approve",
        "reason": "",
        "note": "",
        "title": story.title,
        "body": story.body,
        **hidden_fields(page),
        **choice,
    }
    return client.post(reverse("moderation:decide", kwargs={"pk": story.pk}), data)


def review_and_decide_edit(client: Client, revision: StoryRevision, **choice):
    page = client.get(reverse("moderation:review_edit", kwargs={"pk": revision.pk}))
    assert page.status_code == 200, page.status_code
    data = {"reason": "", "note": "", **hidden_fields(page), **choice}
    return client.post(reverse("moderation:decide_edit", kwargs={"pk": revision.pk}), data)


def story_form(story: Story | None = None, **overrides) -> dict:
    """What a member types into the share form, pressing "Submit for review"."""
    data = {
        "intent": "submit",
        "title": "The barista who remembered my name",
        "body": "I thanked her by name.\n\nShe laughed and said nobody reads the tag.",
        "perspective": Story.Perspective.CUSTOMER,
        "setting": Story.Setting.RESTAURANT,
        "practices": ["say-thank-you"],
        "tags": "",
        "photo_alt": "",
    }
    if story is not None:
        data.update(
            title=story.title,
            body=story.body,
            perspective=story.perspective,
            setting=story.setting,
            practices=[practice.slug for practice in story.practices.all()],
        )
    data.update(overrides)
    return data
