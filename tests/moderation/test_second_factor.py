"""Moderators and staff need a second factor: until they enrol, /moderation/ and /admin/ show the
enrolment page and nothing else. Members, and moderators who enrolled, are not affected."""

from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from moderation.models import Decision
from stories.models import Story
from tests.factories import (
    PASSWORD,
    ModeratorFactory,
    UserFactory,
    enrol_second_factor,
    totp_code,
)
from tests.moderation.helpers import review_and_decide, text
from tests.pages import parse

ENROLMENT_HEADING = "Add a second factor before you moderate"


@pytest.fixture
def newcomer(db):
    """Nia: just made a moderator, with no second factor yet."""
    return ModeratorFactory(display_name="Nia", enrolled=False)


@pytest.fixture
def newcomer_client(newcomer, login) -> Client:
    return login(newcomer)


def enrolment_links(response) -> set[str]:
    return {link.attrs["href"] for link in parse(response).find("main").find_all("a")}


def assert_enrolment_page_only(response, *hidden: str) -> None:
    assert response.status_code == 403
    assert [h1.text for h1 in parse(response).find_all("h1")] == [ENROLMENT_HEADING]
    assert {reverse("mfa_activate_totp"), reverse("mfa_add_webauthn")} <= enrolment_links(response)
    assert "no-cache" in response["Cache-Control"]
    for words in hidden:
        assert words not in text(response)


class TestANewModeratorWithoutASecondFactor:
    def test_it_sees_the_enrolment_page_instead_of_the_queue(self, newcomer_client, waiting_story):
        response = newcomer_client.get(reverse("moderation:queue"))

        assert_enrolment_page_only(response, waiting_story.title)

    def test_it_sees_the_enrolment_page_instead_of_a_story(self, newcomer_client, waiting_story):
        response = newcomer_client.get(reverse("moderation:review", args=[waiting_story.pk]))

        assert_enrolment_page_only(response, waiting_story.title, waiting_story.body)

    def test_it_cannot_decide(self, newcomer_client, waiting_story):
        response = newcomer_client.post(
            reverse("moderation:decide", args=[waiting_story.pk]),
            {"action": "approve", "title": waiting_story.title, "body": waiting_story.body},
        )

        assert_enrolment_page_only(response)
        waiting_story.refresh_from_db()
        assert waiting_story.status == Story.Status.SUBMITTED
        assert not Decision.objects.exists()

    @pytest.mark.parametrize(
        "name", ["moderation:flagged", "moderation:stats", "admin:index", "admin:login"]
    )
    def test_every_moderation_and_admin_page_is_the_enrolment_page(self, newcomer_client, name):
        assert_enrolment_page_only(newcomer_client.get(reverse(name)))

    def test_it_cannot_read_stories_in_the_admin(self, newcomer_client, waiting_story):
        response = newcomer_client.get(reverse("admin:stories_story_changelist"))

        assert_enrolment_page_only(response, waiting_story.title)

    def test_it_still_reads_and_shares_as_a_member(self, newcomer_client, published_story):
        assert newcomer_client.get(published_story.get_absolute_url()).status_code == 200
        assert newcomer_client.get(reverse("accounts:profile")).status_code == 200

    def test_it_can_open_the_second_factor_settings(self, newcomer_client):
        response = newcomer_client.get(reverse("mfa_index"))

        assert response.status_code == 200
        nav = parse(response).find("nav", cls="settings-nav")
        current = nav.find("a", **{"aria-current": "page"})
        assert (current.text, current.attrs["href"]) == ("Second factor", reverse("mfa_index"))


def test_staff_without_a_second_factor_see_only_the_enrolment_page_in_the_admin(login, db):
    staff = login(UserFactory(is_staff=True))

    assert_enrolment_page_only(staff.get(reverse("admin:index")))


def test_an_enrolled_moderator_works_the_queue(moderator, moderator_client, waiting_story):
    assert Authenticator.objects.filter(user=moderator, type="totp").exists()

    queue = moderator_client.get(reverse("moderation:queue"))
    decided = review_and_decide(moderator_client, waiting_story, action="approve")

    assert queue.status_code == 200
    assert waiting_story.title in text(queue)
    assert decided.status_code == 302
    waiting_story.refresh_from_db()
    assert waiting_story.status == Story.Status.PUBLISHED


def test_a_plain_member_gets_the_usual_refusal_not_the_enrolment_page(other_client):
    response = other_client.get(reverse("moderation:queue"))

    assert response.status_code == 403
    assert ENROLMENT_HEADING not in text(response)


def test_a_plain_member_reads_the_public_statistics(other_client):
    assert other_client.get(reverse("moderation:stats")).status_code == 200


def test_a_visitor_is_still_sent_to_log_in(visitor):
    response = visitor.get(reverse("moderation:queue"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_every_member_finds_the_second_factor_in_the_settings(author_client):
    nav = parse(author_client.get(reverse("accounts:profile"))).find("nav", cls="settings-nav")

    assert reverse("mfa_index") in {link.attrs["href"] for link in nav.find_all("a")}


def log_in(client: Client, user) -> object:
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def log_in_and_confirm_password(client: Client, user) -> None:
    """allauth asks for the password again before a second factor is added."""
    log_in(client, user)
    asked = client.get(reverse("mfa_activate_totp"))
    assert asked["Location"].startswith(reverse("account_reauthenticate"))
    client.post(asked["Location"], {"password": PASSWORD})


def test_a_new_moderator_enrols_an_authenticator_app_and_the_queue_opens(newcomer, waiting_story):
    client = Client()
    log_in_and_confirm_password(client, newcomer)
    form_page = client.get(reverse("mfa_activate_totp"))
    secret = form_page.context["form"].secret
    assert secret in text(form_page)

    enrolled = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert enrolled.status_code == 302
    assert client.get(reverse("moderation:queue")).status_code == 200


def test_a_wrong_code_enrols_nothing(newcomer):
    client = Client()
    log_in_and_confirm_password(client, newcomer)
    client.get(reverse("mfa_activate_totp"))

    refused = client.post(reverse("mfa_activate_totp"), {"code": "000000"})

    assert refused.status_code == 200
    assert refused.context["form"].errors
    assert not Authenticator.objects.filter(user=newcomer).exists()
    assert client.get(reverse("moderation:queue")).status_code == 403


def test_an_enrolled_moderator_logs_in_with_password_then_code(moderator):
    client = Client()

    asked = log_in(client, moderator)
    assert asked["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    signed_in = client.post(reverse("mfa_authenticate"), {"code": totp_code()})

    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(moderator.pk)
    assert client.get(reverse("moderation:queue")).status_code == 200


class TestTheModeratorCommand:
    def test_it_says_a_new_moderator_must_enrol_first(self, other_member):
        out = StringIO()

        call_command("moderator", "add", other_member.email, stdout=out)

        assert "no second factor yet" in out.getvalue()
        assert "moderation pages and the admin stay closed" in out.getvalue()

    def test_it_says_when_the_moderator_already_has_one(self, other_member):
        enrol_second_factor(other_member)
        out = StringIO()

        call_command("moderator", "add", other_member.email, stdout=out)

        assert "They have a second factor: the moderation pages are open." in out.getvalue()
        assert "no second factor yet" not in out.getvalue()
