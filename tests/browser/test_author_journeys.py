"""An author tidying up My stories with JavaScript turned off: every action still works."""

import pytest
from playwright.sync_api import Page, expect

from stories.models import Story
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, StoryFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "java_script_enabled": False}


def test_an_author_withdraws_one_story_and_deletes_another_after_confirming(
    page: Page, live_server
):
    author = UserFactory(display_name="Alice")
    StoryFactory(author=author, title="Sent too soon", status=Story.Status.SUBMITTED)
    StoryFactory(author=author, title="Never mind", status=Story.Status.DRAFT)
    log_in(page, live_server.url, author.email, PASSWORD)
    page.goto(live_server.url + "/my-stories/")

    sent = page.locator(".my-story", has_text="Sent too soon")
    sent.get_by_role("button", name="Withdraw").click()
    expect(page.get_by_text("It is out of the review queue")).to_be_visible()
    expect(page.get_by_text("Readers can no longer see it")).to_have_count(0)

    page.locator(".my-story", has_text="Never mind").get_by_role("link", name="Delete").click()
    expect(page.get_by_role("heading", name="Delete “Never mind”?")).to_be_visible()
    expect(page.get_by_text("This cannot be undone.")).to_be_visible()
    assert Story.objects.filter(title="Never mind").exists()
    page.get_by_role("button", name="Delete it for good").click()

    expect(page.get_by_text("“Never mind” is deleted.")).to_be_visible()
    expect(page.locator(".my-story", has_text="Never mind")).to_have_count(0)
    assert not Story.objects.filter(title="Never mind").exists()
