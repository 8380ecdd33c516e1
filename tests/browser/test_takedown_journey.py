"""A worker written about asks, without an account, for details to go; a moderator redacts."""

import pytest
from playwright.sync_api import Browser, Page, expect

from moderation.models import Decision, TakedownRequest
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, StoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_asks_for_a_redaction_and_hears_back(
    page: Page, browser: Browser, live_server, author, moderator, mailoutbox
):
    story = StoryFactory(
        author=author,
        title="The baker who saved the last loaf",
        body="Dana Whitfield kept the last loaf for me.\n\nShe works the early shift.",
    )
    page.goto(live_server.url + story.get_absolute_url())
    page.get_by_role("link", name="Is this story about you?").click()
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("#error-summary")).to_be_visible()
    page.get_by_label("How does the story identify you?").fill("I am Dana, the baker.")
    page.get_by_label("Remove some details").check()
    page.get_by_label("Which details should go?").fill("My surname, please.")
    page.get_by_label("Your email address").fill("dana@example.com")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", name="Sent to the moderators")).to_be_visible()

    moderator_page = browser.new_page()
    moderator_page.set_default_timeout(8_000)
    log_in(moderator_page, live_server.url, moderator.email, PASSWORD)
    moderator_page.goto(live_server.url + "/moderation/")
    moderator_page.get_by_role("link", name="Takedown requests").click()
    moderator_page.get_by_role("link", name="About “The baker who saved the last loaf”").click()
    expect(moderator_page.locator("mark", has_text="Dana Whitfield")).to_be_visible()
    moderator_page.get_by_label("Remove the details").check()
    moderator_page.get_by_role("textbox", name="The published story").fill(
        "Dana kept the last loaf for me.\n\nShe works the early shift."
    )
    moderator_page.get_by_label("Note to the person who asked").fill("Your surname is gone.")
    moderator_page.get_by_role("button", name="Record the decision").click()
    expect(moderator_page.get_by_text("No open requests.")).to_be_visible()

    moderator_page.goto(live_server.url + story.get_absolute_url())
    expect(moderator_page.get_by_text("Dana kept the last loaf for me.")).to_be_visible()
    expect(moderator_page.get_by_text("Whitfield")).to_have_count(0)
    [email] = mailoutbox
    assert email.to == ["dana@example.com"]
    assert "Your surname is gone." in email.body
    assert TakedownRequest.objects.get().outcome == "redacted"
    assert Decision.objects.get(story=story).action == "redact"
