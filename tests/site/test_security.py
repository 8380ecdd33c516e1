"""Security headers and cookies, and the no-inline-code rule the CSP relies on."""

import re

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, StoryFactory, UserFactory

PUBLIC_PAGES = ["home", "about", "guidelines", "account_signup", "account_login"]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)", re.IGNORECASE)


@pytest.fixture
def production_like(settings):
    """The security settings DJANGO_DEBUG=false turns on, minus the redirect to HTTPS."""
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    return settings


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    directives = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


@pytest.mark.parametrize("url_name", PUBLIC_PAGES)
def test_it_allows_only_the_sites_own_scripts_and_styles(client, db, url_name):
    response = client.get(reverse(url_name))

    policy = csp_directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_it_sends_the_hardening_headers(client, db):
    response = client.get(reverse("home"))

    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_it_sends_strict_transport_security_over_https_in_production(client, db, production_like):
    response = client.get(reverse("home"), secure=True)

    assert response.status_code == 200
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts


def test_it_sends_no_strict_transport_security_over_plain_http(client, db, production_like):
    response = client.get(reverse("home"))

    assert "Strict-Transport-Security" not in response


def test_it_redirects_plain_http_to_https_when_asked(client, db, production_like):
    production_like.SECURE_SSL_REDIRECT = True

    response = client.get(reverse("about"))

    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{reverse('about')}"


def test_it_sets_secure_http_only_cookies_after_login_in_production(client, db, production_like):
    UserFactory(email="member@mail.test")

    form = client.get(reverse("account_login"), secure=True)
    response = client.post(
        reverse("account_login"), {"login": "member@mail.test", "password": PASSWORD}, secure=True
    )

    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert form.cookies["csrftoken"]["secure"] is True


@pytest.mark.parametrize("url_name", [*PUBLIC_PAGES, "stories:list"])
def test_it_renders_public_pages_without_inline_scripts_or_styles(client, db, url_name):
    StoryFactory.create_batch(2)

    html = client.get(reverse(url_name)).content.decode()

    assert not INLINE_SCRIPT.search(html)
    assert ' style="' not in html


@pytest.mark.parametrize(
    "url_name",
    ["accounts:profile", "accounts:delete", "account_email", "account_change_password", "home"],
)
def test_it_renders_member_pages_without_inline_scripts_or_styles(author_client, url_name):
    html = author_client.get(reverse(url_name)).content.decode()

    assert not INLINE_SCRIPT.search(html)
    assert ' style="' not in html
