import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import CHROMIUM

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


def link_in(message) -> str:
    """The first link in a sent email's text."""
    return LINK.search(message.body).group(0)


def log_in(page: Page, base_url: str, email: str, password: str) -> None:
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.locator("summary")).to_be_visible()


@pytest.fixture(autouse=True)
def _quick_failures(page: Page):
    """A missing element fails in seconds rather than Playwright's default half minute."""
    page.set_default_timeout(8_000)


@pytest.fixture(autouse=True)
def _restored_reference_data(reference_data):
    """Browser tests empty the database after each test; each starts with the migrations' rows."""
