"""Account pages under attack: open redirects, account enumeration and password guessing."""

from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory
from tests.pages import parse
from tests.security.helpers import runnable_markup

OFF_SITE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "https:evil.example",
    "/\t/evil.example",
    "http://testserver@evil.example/",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
]
NOT_CORRECT = "The email address and/or password you specified are not correct."
TOO_MANY = "Too many failed login attempts. Try again later."


def stays_on_site(location: str) -> bool:
    """A Location a browser resolves to this site: a plain path, or an address on this host."""
    parts = urlsplit(location)
    if parts.scheme or parts.netloc:
        return parts.scheme in ("http", "https") and parts.netloc == "testserver"
    return location.startswith("/") and not location.startswith(("//", "/\\"))


def signed_in_user(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def main_content(response) -> str:
    """What the person reads in the page body, minus the per-request CSRF token."""
    main = parse(response).find("main")
    content = main.inner_html
    for token in main.find_all("input", name="csrfmiddlewaretoken"):
        content = content.replace(token.start_tag, "")
    return content


@pytest.mark.django_db
@pytest.mark.parametrize("target", OFF_SITE)
def test_logging_in_never_redirects_off_the_site(client, target):
    user = UserFactory(email="member@mail.test")

    response = client.post(
        reverse("account_login"),
        {"login": "member@mail.test", "password": PASSWORD, "next": target},
    )

    assert response.status_code == 302
    assert stays_on_site(response["Location"]), response["Location"]
    assert "evil.example" not in response["Location"]
    assert signed_in_user(client) == str(user.pk)


@pytest.mark.django_db
@pytest.mark.parametrize("target", OFF_SITE)
def test_the_login_page_does_not_turn_next_into_a_live_link(client, target):
    response = client.get(reverse("account_login"), {"next": target})

    assert response.status_code == 200
    assert runnable_markup(response.content.decode()) == []
    assert 'href="https://evil.example' not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("target", OFF_SITE)
def test_logging_out_never_redirects_off_the_site(author_client, target):
    response = author_client.post(reverse("account_logout"), {"next": target})

    assert response.status_code == 302
    assert stays_on_site(response["Location"]), response["Location"]
    assert "evil.example" not in response["Location"]
    assert signed_in_user(author_client) is None


def sign_up(email: str):
    client = Client()
    response = client.post(
        reverse("account_signup"),
        {
            "email": email,
            "display_name": "Newcomer",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    return client, response


@pytest.mark.django_db
def test_signing_up_with_a_taken_email_looks_exactly_like_a_new_one():
    UserFactory(email="taken@mail.test", display_name="Original")

    fresh_client, fresh = sign_up("fresh@mail.test")
    taken_client, taken = sign_up("taken@mail.test")

    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"] == reverse("account_email_verification_sent")
    fresh_page = fresh_client.get(fresh["Location"])
    taken_page = taken_client.get(taken["Location"])
    assert taken_page.status_code == fresh_page.status_code == 200
    assert main_content(taken_page) == main_content(fresh_page)
    assert signed_in_user(taken_client) is signed_in_user(fresh_client) is None
    # Nothing about the existing member changed.
    existing = User.objects.get(email="taken@mail.test")
    assert existing.display_name == "Original"
    assert existing.check_password(PASSWORD)
    assert User.objects.filter(email__iexact="taken@mail.test").count() == 1


@pytest.mark.django_db
def test_a_password_reset_looks_the_same_for_a_member_and_a_stranger():
    UserFactory(email="known@mail.test")

    pages = []
    for email in ("known@mail.test", "stranger@mail.test"):
        client = Client()
        response = client.post(reverse("account_reset_password"), {"email": email})
        assert response.status_code == 302
        pages.append((response["Location"], main_content(client.get(response["Location"]))))

    assert pages[0] == pages[1]
    assert pages[0][0] == reverse("account_reset_password_done")
    # Only the member's inbox gets a reset link.
    links = {tuple(m.to): "/accounts/password/reset/key/" in m.body for m in mail.outbox}
    assert links.get(("known@mail.test",)) is True
    assert links.get(("stranger@mail.test",), False) is False


@pytest.mark.django_db
def test_a_wrong_password_and_an_unknown_email_get_the_same_answer():
    UserFactory(email="known@mail.test")

    wrong_password = Client().post(
        reverse("account_login"), {"login": "known@mail.test", "password": "not-it-at-all"}
    )
    unknown = Client().post(
        reverse("account_login"), {"login": "nobody@mail.test", "password": "not-it-at-all"}
    )

    assert wrong_password.status_code == unknown.status_code == 200
    for response in (wrong_password, unknown):
        assert NOT_CORRECT in response.content.decode()
    assert main_content(wrong_password).replace("known@", "X@") == main_content(unknown).replace(
        "nobody@", "X@"
    )


@pytest.mark.django_db
def test_after_five_wrong_passwords_even_the_right_one_is_refused():
    UserFactory(email="target@mail.test")
    attacker = Client()
    for guess in range(5):
        response = attacker.post(
            reverse("account_login"), {"login": "target@mail.test", "password": f"guess-{guess}"}
        )
        assert response.status_code == 200
        assert TOO_MANY not in response.content.decode()

    response = attacker.post(
        reverse("account_login"), {"login": "target@mail.test", "password": PASSWORD}
    )

    assert response.status_code in (200, 429)
    assert TOO_MANY in response.content.decode()
    assert signed_in_user(attacker) is None


@pytest.mark.django_db
def test_changing_the_case_of_the_email_does_not_reset_the_guess_limit():
    UserFactory(email="target@mail.test")
    attacker = Client()
    for login in ["target@mail.test", "Target@mail.test", "TARGET@MAIL.TEST", "target@Mail.test"]:
        attacker.post(reverse("account_login"), {"login": login, "password": "wrong-guess"})
    attacker.post(reverse("account_login"), {"login": "tArGeT@mail.test", "password": "nope"})

    owner_typing = Client()
    response = owner_typing.post(
        reverse("account_login"), {"login": "TarGet@Mail.Test", "password": PASSWORD}
    )

    assert TOO_MANY in response.content.decode()
    assert signed_in_user(owner_typing) is None


@pytest.mark.django_db
def test_guessing_across_many_accounts_from_one_address_is_stopped():
    victims = [UserFactory(email=f"victim{n}@mail.test") for n in range(11)]
    attacker = Client()
    for victim in victims[:10]:
        attacker.post(reverse("account_login"), {"login": victim.email, "password": "Summer2024!"})

    response = attacker.post(
        reverse("account_login"), {"login": victims[10].email, "password": PASSWORD}
    )

    assert TOO_MANY in response.content.decode()
    assert signed_in_user(attacker) is None
