import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from playwright.sync_api import Page, expect

from tests.conftest import CHROMIUM
from tests.factories import totp_code

# Debian's Chromium, not a downloaded browser: no browser download is possible here.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LINK = re.compile(r"https?://\S+")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_FLAGS,
    }


@pytest.fixture(autouse=True)
def _site_url_is_the_live_server(request, settings):
    """Emails link to SITE_URL, the public address, whatever host a request used: here, the
    live server the browser talks to."""
    if "live_server" in request.fixturenames:
        settings.SITE_URL = request.getfixturevalue("live_server").url


def link_in(message) -> str:
    """The first link in a sent email's text."""
    return LINK.search(message.body).group(0)


def log_in(page: Page, base_url: str, email: str, password: str) -> None:
    """Log in with the password and, when the account has an authenticator app, its code."""
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_role("button", name="Log in", exact=True).click()
    device = Authenticator.objects.filter(user__email=email, type=Authenticator.Type.TOTP).first()
    if device is not None:
        enter_code(page, device)
    expect(page.locator("summary")).to_be_visible()


def enter_code(page: Page, device: Authenticator) -> None:
    """Type the code the authenticator app shows now on the second-factor step of logging in."""
    secret = device.data["secret"]
    code = totp_code(secret)
    # A code is accepted once per 30 s; a test logging in twice in that time may reuse it.
    cache.delete(TOTP(device)._get_used_cache_key(code))
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Log in", exact=True).click()


@pytest.fixture(autouse=True)
def _quick_failures(page: Page):
    """A missing element fails in seconds rather than Playwright's default half minute."""
    page.set_default_timeout(8_000)


@pytest.fixture(autouse=True)
def _restored_reference_data(reference_data):
    """Browser tests empty the database after each test; each starts with the migrations' rows."""
