"""Readers of rendered pages and builders of form data shared by the moderation tests."""

import html
import re

from django.test import Client
from django.urls import reverse

from stories.models import Story, StoryRevision

MESSAGES = re.compile(r'<div class="wrap messages" role="status">(.*?)</div>', re.DOTALL)
MESSAGE = re.compile(r'<p class="message message-[a-z]+">(.*?)</p>', re.DOTALL)
HIDDEN_INPUT = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"')


def text(response) -> str:
    """The page as a person reads it: entities decoded."""
    return html.unescape(response.content.decode())


def messages_shown(response) -> list[str]:
    """The flash messages rendered at the top of a page."""
    block = MESSAGES.search(response.content.decode())
    if block is None:
        return []
    return [" ".join(html.unescape(message).split()) for message in MESSAGE.findall(block.group(1))]


def hidden_fields(response) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in HIDDEN_INPUT.findall(text(response))}


def field_errors(response, name: str) -> list[str]:
    """The error messages shown next to one form field (empty when it has none)."""
    match = re.search(
        rf'<ul class="errorlist" id="id_{name}_error">(.*?)</ul>',
        response.content.decode(),
        re.DOTALL,
    )
    if not match:
        return []
    return [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", match.group(1))]


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
