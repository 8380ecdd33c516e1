"""Sign-up, email verification, login and password reset, as a visitor goes through them.

django-allauth does the work; these tests pin the settings the site depends on: mandatory
verification, no account enumeration, safe redirects and the login rate limit.
"""

import re
from urllib.parse import urlencode

from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)")
RESET_LINK = re.compile(r"/accounts/password/reset/key/")


def sign_up(client: Client, email: str, display_name: str = "Neo"):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "display_name": display_name,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def log_in(client: Client, email: str, password: str = PASSWORD, **query):
    url = reverse("account_login")
    if query:
        url += "?" + urlencode(query)
    return client.post(url, {"login": email, "password": password})


def logged_in_user_id(client: Client) -> int | None:
    raw = client.session.get("_auth_user_id")
    return int(raw) if raw is not None else None


def test_it_creates_the_member_with_their_display_name_and_sends_one_verification_email(client, db):
    response = sign_up(client, "neo@mail.test", display_name="Neo")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="neo@mail.test")
    assert user.display_name == "Neo"
    assert not user.has_verified_email()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["neo@mail.test"]
    assert CONFIRM_LINK.search(mail.outbox[0].body)


def test_it_verifies_the_address_from_the_emailed_link(client, db):
    sign_up(client, "neo@mail.test", display_name="Neo")
    link = CONFIRM_LINK.search(mail.outbox[0].body).group(1)

    page = client.get(link)
    assert page.status_code == 200
    assert "Confirm" in page.content.decode()
    user = User.objects.get(email="neo@mail.test")
    assert not user.has_verified_email(), "opening the link alone must not confirm it"

    response = client.post(link)

    assert response.status_code == 302
    assert user.has_verified_email()
    # ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION: the person who signed up is now logged in.
    assert logged_in_user_id(client) == user.pk
    assert "Neo" in client.get(reverse("home")).content.decode()


def test_it_signs_verification_emails_as_the_site_not_example_com(client, db):
    sign_up(client, "neo@mail.test")

    body = mail.outbox[0].body
    assert "example.com" not in body
    assert "Flip the Counter" in mail.outbox[0].subject


def test_it_does_not_reveal_that_an_email_is_already_registered(client, db):
    existing = UserFactory(email="taken@mail.test", display_name="Original")

    fresh = sign_up(Client(), "fresh@mail.test")
    mail.outbox.clear()
    repeat = sign_up(client, "taken@mail.test", display_name="Impostor")

    assert repeat.status_code == fresh.status_code == 302
    assert repeat["Location"] == fresh["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email__iexact="taken@mail.test").count() == 1
    existing.refresh_from_db()
    assert existing.display_name == "Original"
    # The owner of the address hears about it instead, and no confirmation link is sent.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["taken@mail.test"]
    assert "already exists" in mail.outbox[0].subject.lower()
    assert not CONFIRM_LINK.search(mail.outbox[0].body)


def test_it_treats_a_registered_email_in_other_case_as_already_registered(client, db):
    UserFactory(email="taken@mail.test")

    response = sign_up(client, "Taken@Mail.TEST")

    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email__iexact="taken@mail.test").count() == 1


def test_it_sends_an_unverified_member_to_verification_instead_of_logging_them_in(client, db):
    UserFactory(email="unverified@mail.test", verified=False)

    response = log_in(client, "unverified@mail.test")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert logged_in_user_id(client) is None


def test_it_logs_a_verified_member_in(client, db):
    user = UserFactory(email="verified@mail.test")

    response = log_in(client, "verified@mail.test")

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert logged_in_user_id(client) == user.pk


def test_it_accepts_the_login_email_in_any_case(client, db):
    user = UserFactory(email="verified@mail.test")

    log_in(client, "Verified@MAIL.test")

    assert logged_in_user_id(client) == user.pk


def test_it_shows_the_same_page_for_a_password_reset_of_an_unknown_email(client, db):
    UserFactory(email="known@mail.test")

    known = client.post(reverse("account_reset_password"), {"email": "known@mail.test"})
    unknown = Client().post(reverse("account_reset_password"), {"email": "nobody@mail.test"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("account_reset_password_done")
    to_known = [m for m in mail.outbox if m.to == ["known@mail.test"]]
    to_unknown = [m for m in mail.outbox if m.to == ["nobody@mail.test"]]
    assert len(to_known) == 1
    assert RESET_LINK.search(to_known[0].body)
    # Nobody can be handed a reset link for an account that does not exist.
    assert not any(RESET_LINK.search(m.body) for m in to_unknown)


def test_it_does_not_follow_a_next_url_to_another_site(client, db):
    UserFactory(email="verified@mail.test")

    response = log_in(client, "verified@mail.test", next="https://evil.example/")

    assert response.status_code == 302
    assert response["Location"].startswith("/")
    assert "evil.example" not in response["Location"]


def test_it_follows_a_next_url_within_the_site(client, db):
    UserFactory(email="verified@mail.test")

    response = log_in(client, "verified@mail.test", next="/stories/")

    assert response.status_code == 302
    assert response["Location"] == "/stories/"


def test_it_refuses_even_the_right_password_after_five_failed_logins(client, db):
    UserFactory(email="target@mail.test")
    for _ in range(5):
        wrong = log_in(client, "target@mail.test", password="not-the-password")
        assert wrong.status_code == 200

    response = log_in(client, "target@mail.test")

    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()
    assert logged_in_user_id(client) is None


def test_it_still_lets_the_owner_in_after_four_failed_logins(client, db):
    user = UserFactory(email="target@mail.test")
    for _ in range(4):
        log_in(client, "target@mail.test", password="not-the-password")

    response = log_in(client, "target@mail.test")

    assert response.status_code == 302
    assert logged_in_user_id(client) == user.pk
