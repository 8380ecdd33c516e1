"""Moderators answer takedown requests first: redact, unpublish or decline, recorded and emailed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation import takedowns
from moderation.decisions import AlreadyDecided, Correction
from moderation.models import Action, Decision, TakedownRequest
from stories.models import Story
from tests.pages import definitions, field_errors, parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_about(published_story):
    published_story.body = "Dana Whitfield gave me the last loaf.\n\nShe works mornings."
    published_story.save()
    return takedowns.request_takedown(
        story=published_story,
        identifies="I am Dana.",
        asks="remove_details",
        details="My surname.",
        email="dana@example.com",
    )


def decide(client, item, **data):
    return client.post(reverse("moderation:takedown_decide", args=[item.pk]), data)


def test_only_moderators_see_the_takedown_queue(visitor, other_client, moderator_client):
    url = reverse("moderation:takedowns")
    assert visitor.get(url).status_code == 302
    assert other_client.get(url).status_code == 403
    assert moderator_client.get(url).status_code == 200


def test_the_queue_comes_first_in_the_moderation_nav(moderator_client):
    nav = parse(moderator_client.get(reverse("moderation:queue"))).find("nav", cls="subnav")
    assert nav.find_all("a")[0].text == "Takedown requests"


def test_the_queue_shows_how_long_each_request_has_waited(moderator_client, request_about):
    TakedownRequest.objects.filter(pk=request_about.pk).update(
        created_at=timezone.now() - timedelta(hours=5)
    )
    response = moderator_client.get(reverse("moderation:takedowns"))
    rows = parse(response).find("tbody").find_all("tr")
    assert [cell.text for cell in rows[0].find_all("td")] == [
        "About “Thank you, Dana”",
        "Remove some details",
        "5 h 0 min",
    ]


def test_a_moderator_redacts_the_story_in_place(
    moderator_client,
    moderator,
    visitor,
    request_about,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    story = request_about.story
    visitor.get(story.get_absolute_url())  # the cached page for visitors
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(
            moderator_client,
            request_about,
            action="redact",
            title=story.title,
            body="Dana gave me the last loaf.\n\nShe works mornings.",
            note="We took out your surname.",
        )

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.body == "Dana gave me the last loaf.\n\nShe works mornings."
    assert story.is_published
    assert "Whitfield" not in visitor.get(story.get_absolute_url()).content.decode()
    decision = Decision.objects.get(story=story)
    assert decision.action == Action.REDACT
    assert decision.moderator == moderator
    assert "-Dana Whitfield gave me the last loaf." in decision.correction
    assert "+Dana gave me the last loaf." in decision.correction
    request_about.refresh_from_db()
    assert (request_about.outcome, request_about.decided_by) == ("redacted", moderator)
    [email] = mailoutbox
    assert email.to == ["dana@example.com"]
    assert "We removed the details that identified you." in email.body
    assert "We took out your surname." in email.body


def test_a_moderator_unpublishes_the_story(
    author, moderator_client, request_about, mailoutbox, django_capture_on_commit_callbacks, visitor
):
    story = request_about.story
    with django_capture_on_commit_callbacks(execute=True):
        decide(moderator_client, request_about, action="unpublish", note="It is gone.")

    story.refresh_from_db()
    assert story.status == Story.Status.REJECTED
    assert visitor.get(story.get_absolute_url()).status_code == 404
    decision = Decision.objects.get(story=story)
    assert (decision.action, decision.reason) == (Action.UNPUBLISH, "identifies_person")
    assert sorted(email.to[0] for email in mailoutbox) == sorted([author.email, "dana@example.com"])
    to_requester = next(email for email in mailoutbox if email.to == ["dana@example.com"])
    assert "We took the story down." in to_requester.body


def test_declining_needs_a_note_and_keeps_the_story(
    moderator_client, request_about, mailoutbox, django_capture_on_commit_callbacks
):
    response = decide(moderator_client, request_about, action="decline", note="")
    assert response.status_code == 400
    assert field_errors(response, "note") == ["Tell the person why the story stays as it is."]

    with django_capture_on_commit_callbacks(execute=True):
        decide(moderator_client, request_about, action="decline", note="No one can tell.")

    request_about.refresh_from_db()
    assert request_about.outcome == "declined"
    assert request_about.story.is_published
    assert "We decided to leave the story as it is." in mailoutbox[0].body
    page = moderator_client.get(reverse("moderation:takedown", args=[request_about.pk]))
    assert definitions(page)["Answer"].startswith("Request declined by Mo")


def test_a_second_moderator_is_told_who_answered_first(
    moderator_client, second_moderator_client, request_about
):
    decide(moderator_client, request_about, action="decline", note="No one can tell.")
    response = decide(second_moderator_client, request_about, action="unpublish")

    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "already answered: Mo chose “Request declined”" in messages[0]
    assert request_about.story.is_published


def test_the_service_refuses_a_second_answer(moderator, second_moderator, request_about):
    takedowns.decline(request=request_about, moderator=moderator, note="No.")
    with pytest.raises(AlreadyDecided):
        takedowns.redact_story(
            request=request_about,
            moderator=second_moderator,
            correction=Correction(title="x", body="y"),
        )
    assert not Decision.objects.exists()


def test_a_moderator_replies_to_a_contact_message(
    moderator_client, mailoutbox, django_capture_on_commit_callbacks
):
    message = takedowns.send_contact(message="Who runs this?", email="reader@example.com")
    page = moderator_client.get(reverse("moderation:takedown", args=[message.pk]))
    assert "Who runs this?" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        decide(moderator_client, message, note="Volunteers do.")

    message.refresh_from_db()
    assert message.outcome == "replied"
    [email] = mailoutbox
    assert email.to == ["reader@example.com"]
    assert "Volunteers do." in email.body


def test_stats_show_takedown_requests_and_their_median_answer_time(
    visitor, moderator, request_about
):
    takedowns.decline(request=request_about, moderator=moderator, note="No.")
    now = timezone.now()
    TakedownRequest.objects.filter(pk=request_about.pk).update(
        created_at=now - timedelta(hours=3), decided_at=now
    )
    values = definitions(visitor.get(reverse("moderation:stats")))
    assert values["Requests from people a story is about"] == "1"
    assert values["Median time to answer such a request"] == "3 h 0 min"
