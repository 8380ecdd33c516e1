"""Printable cards and sharing, in Chromium: one printed page, no CSP violation, copy link."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.factories import StoryFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# Page objects of a PDF; "/Type /Pages" (the page tree) is not one.
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
# Collected before any of the page's own code runs; init scripts are not subject to its CSP.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def csp_violations(page: Page) -> list[str]:
    return page.evaluate("window.__cspViolations")


@pytest.mark.parametrize("size", ["a6", "business"])
def test_a_printable_card_prints_on_one_page(page: Page, live_server, size):
    page.add_init_script(WATCH_CSP)
    page.goto(f"{live_server.url}/practices/ask-how-did-i-do/card/?size={size}")
    expect(page.get_by_role("heading", name="Printable card")).to_be_visible()

    pdf = page.pdf(prefer_css_page_size=True, print_background=True)

    assert len(PDF_PAGE.findall(pdf)) == 1
    assert csp_violations(page) == []


def test_the_printed_card_shows_only_the_card(page: Page, live_server):
    page.goto(f"{live_server.url}/practices/ask-how-did-i-do/card/")
    page.emulate_media(media="print")

    expect(page.locator(".practice-card")).to_be_visible()
    expect(page.locator(".practice-card .card-scale li")).to_have_count(5)
    for chrome in (".site-header", ".site-footer", ".card-howto"):
        expect(page.locator(chrome)).to_be_hidden()


def test_copy_link_copies_the_storys_address_and_says_so(page: Page, live_server):
    story = StoryFactory(author=UserFactory(display_name="Alice"), title="Thank you, Dana")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.add_init_script(WATCH_CSP)
    page.goto(live_server.url + story.get_absolute_url())

    page.get_by_role("link", name="Copy link").click()

    expect(page.get_by_role("status").filter(has_text="Link copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == (
        settings.SITE_URL + story.get_absolute_url()
    )
    assert page.url == live_server.url + story.get_absolute_url()
    assert csp_violations(page) == []
