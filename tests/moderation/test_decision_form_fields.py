"""The review pages' decision fields, rendered once per process (moderation_tags.field_group),
still show what the form would: its choices, and its errors when sent back."""

from django.urls import reverse
from django.utils import timezone

from moderation.forms import StoryDecisionForm, initial_for_story
from moderation.templatetags.moderation_tags import field_group
from tests.pages import field_errors, parse


def test_an_unbound_field_renders_as_the_form_would(waiting_story):
    form = StoryDecisionForm(initial=initial_for_story(waiting_story))

    for name in ["action", "reason", "note", "title", "body"]:
        assert field_group(form[name]) == form[name].as_field_group()
        assert field_group(form[name]) == form[name].as_field_group()


def test_a_field_with_an_initial_value_renders_that_value(waiting_story, submitted_story):
    other = submitted_story(title="A different title")

    first = field_group(StoryDecisionForm(initial=initial_for_story(waiting_story))["title"])
    second = field_group(StoryDecisionForm(initial=initial_for_story(other))["title"])

    assert waiting_story.title in first
    assert "A different title" in second


def test_the_review_page_offers_every_decision(moderator_client, waiting_story):
    url = reverse("moderation:review", kwargs={"pk": waiting_story.pk})

    for _ in range(2):
        page = parse(moderator_client.get(url))
        choices = [radio.attrs["value"] for radio in page.find_all("input", name="action")]
        assert choices == ["approve", "request_changes", "reject"]
        assert page.find("textarea", name="body").text == waiting_story.body


def test_a_refused_decision_shows_its_errors_beside_the_fields(moderator_client, waiting_story):
    url = reverse("moderation:review", kwargs={"pk": waiting_story.pk})
    moderator_client.get(url)

    response = moderator_client.post(
        reverse("moderation:decide", kwargs={"pk": waiting_story.pk}),
        {
            "action": "request_changes",
            "note": "",
            "title": waiting_story.title,
            "body": waiting_story.body,
            "submitted_at": timezone.localtime(waiting_story.submitted_at).strftime(
                "%Y-%m-%d %H:%M:%S.%f"
            ),
        },
    )

    assert response.status_code == 400
    assert field_errors(response, "note")
    assert not field_errors(moderator_client.get(url), "note")
