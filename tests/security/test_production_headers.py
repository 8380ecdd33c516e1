"""The headers and cookies a browser gets from the site as it runs in production, in one place."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

YEAR = 31536000


@pytest.fixture
def production(settings):
    """What DJANGO_DEBUG=false turns on, minus the HTTPS redirect: these requests are https."""
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = YEAR
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    return settings


def csp_directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


@pytest.mark.django_db
def test_production_pages_carry_every_security_header_and_secure_cookies(production):
    UserFactory(email="member@mail.test")
    browser = Client()

    for url in [reverse("home"), reverse("account_login")]:
        response = browser.get(url, secure=True)

        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        directives = csp_directives(policy)
        assert "'unsafe-inline'" not in policy, url
        assert "'unsafe-eval'" not in policy, url
        assert directives["default-src"] == ["'self'"], url
        assert directives["script-src"] == ["'self'"], url
        assert directives["frame-ancestors"] == ["'none'"], url
        hsts = response["Strict-Transport-Security"]
        assert f"max-age={YEAR}" in hsts, url
        assert "includeSubDomains" in hsts, url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["X-Frame-Options"] == "DENY", url

    login = browser.post(
        reverse("account_login"),
        {"login": "member@mail.test", "password": PASSWORD},
        secure=True,
    )

    assert login.status_code == 302
    assert browser.session.get("_auth_user_id") is not None
    session = browser.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    csrf = browser.cookies["csrftoken"]
    assert csrf["secure"] is True
