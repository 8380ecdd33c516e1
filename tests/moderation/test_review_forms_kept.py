"""The review pages' forms render once per process (moderation.review_markup, moderation_tags):
the decision form with the story's own values put in, the blank flag review form, and the
suspend card with each request's CSRF token. Each equals Django's own render of the same form."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template, engines
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from moderation import review_markup, review_page
from moderation.forms import (
    ResolveFlagsForm,
    StoryDecisionForm,
    SuspendForm,
    initial_for_story,
)
from moderation.suspensions import suspend_member
from tests.factories import FlagFactory, ModeratorFactory, StoryFactory, UserFactory
from tests.pages import parse


def django_render(template: str, partial: str, form) -> str:
    """The partial as Django's own field renders write it, without the kept filters."""
    source = (Path(settings.BASE_DIR) / "templates" / template).read_text()
    part = source.split(f"{{% partialdef {partial} %}}")[1].split("{% endpartialdef %}")[0]
    part = part.replace("|field_group", ".as_field_group").replace("|field_widget", "")
    return engines["django"].from_string(part).render({"form": form})


@pytest.mark.parametrize(
    "title, body",
    [
        ("The night nurse who stayed", "She stayed after her shift."),
        ('Tea & <b>"biscuits"</b>', "Line one\n\nIt's <script>alert(1)</script> & more"),
        ("Crème brûlée — at 3 a.m.", "  spaces kept  \r\nand a second line"),
    ],
)
def test_the_kept_decision_fields_are_djangos_render_of_the_storys_form(
    submitted_story, title, body
):
    story = submitted_story(title=title, body=body)
    story = review_page.read(story.pk).story

    kept = review_markup.decision_fields(story)

    form = StoryDecisionForm(initial=initial_for_story(story))
    assert kept == django_render("moderation/review.html", "decision_fields", form)


def test_two_stories_get_their_own_values(submitted_story):
    first = submitted_story(title="First title", submitted_at=timezone.now() - timedelta(days=1))
    second = submitted_story(title="Second title")

    first_fields = hidden_and_text(review_markup.decision_fields(first))
    second_fields = hidden_and_text(review_markup.decision_fields(second))

    assert first_fields["title"] == "First title"
    assert second_fields["title"] == "Second title"
    assert first_fields["submitted_at"] != second_fields["submitted_at"]
    assert first_fields["fingerprint"] != second_fields["fingerprint"]


def hidden_and_text(html: str) -> dict[str, str]:
    return {
        field.attrs["name"]: field.attrs.get("value")
        for field in parse(f"<form>{html}</form>").find_all("input")
        if field.attrs.get("type") in {"hidden", "text"}
    }


def test_the_kept_resolve_fields_are_djangos_render_of_the_blank_form():
    assert review_markup.resolve_fields() == django_render(
        "moderation/review_flags.html", "resolve_fields", ResolveFlagsForm()
    )


def test_a_refused_decision_still_shows_its_own_errors_and_values(moderator_client, waiting_story):
    url = reverse("moderation:decide", kwargs={"pk": waiting_story.pk})
    response = moderator_client.post(url, {"action": "reject", "note": "Kept note"})

    assert response.status_code == 400
    page = parse(response)
    assert page.find("textarea", name="note").text.strip() == "Kept note"
    assert page.find(cls="errorlist") is not None


def render_card(submitter: dict, user, token: str | None) -> str:
    template = Template("{% load moderation_tags %}{% suspend_card submitter %}")
    return template.render(Context({"submitter": submitter, "user": user, "csrf_token": token}))


def fresh_card(submitter: dict, user, token: str | None) -> str:
    person = submitter["person"]
    return (
        engines["django"]
        .get_template("moderation/_suspend_card.html")
        .render(
            {
                "person": person,
                "suspension": submitter["suspension"],
                "can_suspend": not person.is_staff and person.pk != user.pk,
                "form": SuspendForm(),
                "csrf_token": token,
            }
        )
    )


@pytest.mark.parametrize("who", ["member", "suspended", "staff", "themselves"])
@pytest.mark.parametrize("token", ["a-token", None])
def test_the_kept_suspend_card_is_the_fresh_render(moderator, who, token):
    person = {
        "member": lambda: UserFactory(display_name="Sam <the> baker"),
        "suspended": lambda: UserFactory(),
        "staff": lambda: ModeratorFactory(),
        "themselves": lambda: moderator,
    }[who]()
    if who == "suspended":
        suspend_member(member=person, moderator=moderator, days=3, reason="Spam run")
    submitter = review_page.read(_a_story_by(person).pk).submitter

    assert render_card(submitter, moderator, token) == fresh_card(submitter, moderator, token)


def _a_story_by(person):
    return StoryFactory(author=person)


def test_the_card_follows_a_suspension_and_a_new_name(moderator_client, author, waiting_story):
    url = reverse("moderation:review", kwargs={"pk": waiting_story.pk})
    assert "Suspend this member" in moderator_client.get(url).text

    suspension = suspend_member(
        member=author, moderator=ModeratorFactory(), days=None, reason="Abuse"
    )
    author.display_name = "Alice Renamed"
    author.save()
    text = moderator_client.get(url).text

    assert suspension is not None
    assert "Suspended for good." in text
    assert "Suspend this member" not in text
    assert "Alice Renamed's standing and history" in text


def test_every_form_on_the_page_carries_this_requests_token(moderator, author, submitted_story):
    story = submitted_story()
    FlagFactory(story=story)
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)

    response = client.get(reverse("moderation:review", kwargs={"pk": story.pk}))
    page = parse(response)
    decide_form = page.find("form", action=reverse("moderation:decide", kwargs={"pk": story.pk}))
    suspend_form = page.find("form", action=reverse("moderation:suspend", kwargs={"pk": author.pk}))
    token = suspend_form.find("input", name="csrfmiddlewaretoken").attrs["value"]
    assert token == decide_form.find("input", name="csrfmiddlewaretoken").attrs["value"]

    suspended = client.post(
        reverse("moderation:suspend", kwargs={"pk": author.pk}),
        {"duration": "7", "reason": "Spam run", "csrfmiddlewaretoken": token},
    )
    assert suspended.status_code == 302
