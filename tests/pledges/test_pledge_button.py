"""'I'll try this' on a practice page: members pledge and undo with a plain form post."""

import pytest
from django.test import Client

from moderation.suspensions import suspend_member
from pledges.models import Pledge
from tests.pages import parse
from tests.stories.helpers import page_text

pytestmark = pytest.mark.django_db


def pledge_url(practice) -> str:
    return f"/practices/{practice.slug}/pledge/"


def test_a_visitor_sees_a_link_to_sign_in_and_come_back(visitor, practice):
    page = parse(visitor.get(practice.get_absolute_url()))

    link = page.find("div", cls="pledge").find("a")
    assert link.attrs["href"] == f"/accounts/login/?next=/practices/{practice.slug}/"
    assert "Sign in to say you'll try this" in link.text
    assert page.find("div", cls="pledge").find("form") is None


def test_a_member_pledges_and_the_page_says_they_are_trying_it(author_client, author, practice):
    response = author_client.post(pledge_url(practice), {"trying": "yes"}, follow=True)

    assert response.redirect_chain == [(practice.get_absolute_url(), 302)]
    assert "Good luck with “Smile first”" in page_text(response)
    assert "I'm trying this" in page_text(response)
    assert parse(response).find("button", type="submit", cls="button-secondary").text == "Undo"
    assert Pledge.objects.active().filter(member=author, practice=practice).count() == 1


def test_posting_again_undoes_the_pledge(author_client, author, practice):
    author_client.post(pledge_url(practice), {"trying": "yes"})

    response = author_client.post(pledge_url(practice), {"trying": "no"}, follow=True)

    assert "You are no longer trying “Smile first”." in page_text(response)
    assert "I'll try this" in page_text(response)
    assert not Pledge.objects.active().filter(member=author).exists()
    assert Pledge.objects.get(member=author).cancelled_at is not None


def test_a_double_click_makes_one_pledge(author_client, author, practice):
    for _ in range(2):
        author_client.post(pledge_url(practice), {"trying": "yes"})

    assert Pledge.objects.filter(member=author, practice=practice).count() == 1


def test_pledging_again_after_undoing_makes_a_new_active_pledge(author_client, author, practice):
    for trying in ("yes", "no", "yes"):
        author_client.post(pledge_url(practice), {"trying": trying})

    assert Pledge.objects.filter(member=author).count() == 2
    assert Pledge.objects.active().filter(member=author).count() == 1


def test_a_visitor_cannot_pledge(visitor, practice):
    response = visitor.post(pledge_url(practice), {"trying": "yes"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Pledge.objects.exists()


def test_pledging_only_takes_a_post(author_client, practice):
    assert author_client.get(pledge_url(practice)).status_code == 405
    assert not Pledge.objects.exists()


def test_a_pledge_without_the_csrf_token_is_refused(author, practice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(author)

    response = client.post(pledge_url(practice), {"trying": "yes"})

    assert response.status_code == 403
    assert not Pledge.objects.exists()


def test_an_unknown_practice_is_not_found(author_client):
    response = author_client.post("/practices/no-such-thing/pledge/", {"trying": "yes"})

    assert response.status_code == 404


def test_a_suspended_member_cannot_pledge(author_client, author, moderator, practice):
    suspend_member(member=author, moderator=moderator, days=7, reason="Spam")

    response = author_client.post(pledge_url(practice), {"trying": "yes"}, follow=True)

    assert "Your account is suspended" in page_text(response)
    assert not Pledge.objects.exists()
