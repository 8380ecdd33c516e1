"""Anyone in a story can ask for it to be taken down, without an account; anyone can write."""

import pytest
from django.urls import reverse

from moderation.models import TakedownRequest
from moderation.takedowns import REQUESTS_PER_DAY
from tests.factories import StoryFactory
from tests.pages import field_errors, parse

pytestmark = pytest.mark.django_db


def ask(client, story, **overrides):
    data = {
        "identifies": "I am the baker, my name is in the first line.",
        "asks": "remove_details",
        "details": "My surname.",
        "email": "dana@example.com",
        "website": "",
        **overrides,
    }
    return client.post(reverse("takedowns:ask", args=[story.pk]), data)


def test_every_published_story_links_to_the_request_form(visitor, published_story):
    page = parse(visitor.get(published_story.get_absolute_url()))
    link = page.find("a", href=reverse("takedowns:ask", args=[published_story.pk]))
    assert link.text == "Is this story about you?"


def test_a_visitor_without_an_account_can_ask(visitor, published_story):
    response = visitor.get(reverse("takedowns:ask", args=[published_story.pk]))
    assert response.status_code == 200
    assert "Thank you, Dana" in response.content.decode()

    response = ask(visitor, published_story)

    assert response.status_code == 302
    assert response.url == reverse("takedowns:sent")
    request = TakedownRequest.objects.get()
    assert (request.story, request.kind, request.asks, request.details, request.email) == (
        published_story,
        "takedown",
        "remove_details",
        "My surname.",
        "dana@example.com",
    )
    assert request.is_open
    assert "read your request first" in visitor.get(response.url).content.decode()


def test_it_keeps_what_was_typed_and_says_what_to_fix(visitor, published_story):
    response = ask(visitor, published_story, email="", details="")

    assert response.status_code == 400
    assert field_errors(response, "email") == [
        "Give an email address so we can tell you what we decided."
    ]
    assert field_errors(response, "details") == ["Tell us which details to remove."]
    assert response.context["form"]["identifies"].value().startswith("I am the baker")
    assert "Everything you wrote is still here." in response.content.decode()
    assert not TakedownRequest.objects.exists()


def test_asking_to_remove_the_whole_story_needs_no_details(visitor, published_story):
    ask(visitor, published_story, asks="remove_story", details="")
    assert TakedownRequest.objects.get().asks == "remove_story"


def test_a_bot_filling_the_honeypot_is_thanked_and_ignored(visitor, published_story):
    response = ask(visitor, published_story, website="http://spam.example")
    assert response.status_code == 302
    assert not TakedownRequest.objects.exists()


def test_one_open_request_per_address_and_story(visitor, published_story):
    ask(visitor, published_story)
    response = ask(visitor, published_story, email="DANA@example.com")

    assert response.status_code == 400
    assert "already asked about this story" in response.content.decode()
    assert TakedownRequest.objects.count() == 1


def test_an_address_may_send_only_a_few_requests_a_day(visitor, author):
    stories = StoryFactory.create_batch(REQUESTS_PER_DAY + 1, author=author)
    for story in stories[:REQUESTS_PER_DAY]:
        assert ask(visitor, story).status_code == 302

    response = ask(visitor, stories[-1])

    assert response.status_code == 400
    assert f"already sent {REQUESTS_PER_DAY} requests today" in response.content.decode()
    assert response.context["form"]["details"].value() == "My surname."
    assert ask(visitor, stories[-1], email="someone-else@example.com").status_code == 302


def test_an_unpublished_story_has_no_request_form(visitor, submitted_story):
    story = submitted_story()
    assert visitor.get(reverse("takedowns:ask", args=[story.pk])).status_code == 404
    assert ask(visitor, story).status_code == 404


def test_the_footer_links_to_the_contact_page(visitor):
    page = parse(visitor.get(reverse("about")))
    assert page.find("a", href=reverse("takedowns:contact")).text == "Contact"


def test_anyone_can_send_a_message_through_the_contact_page(visitor):
    assert visitor.get(reverse("takedowns:contact")).status_code == 200
    response = visitor.post(
        reverse("takedowns:contact"), {"message": "Hello there.", "email": "reader@example.com"}
    )
    assert response.status_code == 302
    message = TakedownRequest.objects.get()
    assert (message.kind, message.story, message.details) == ("contact", None, "Hello there.")


def test_a_contact_message_with_errors_keeps_the_message(visitor):
    response = visitor.post(reverse("takedowns:contact"), {"message": "Hello there.", "email": "x"})
    assert response.status_code == 400
    assert field_errors(response, "email") == ["Enter an email address like name@example.com."]
    assert response.context["form"]["message"].value() == "Hello there."
