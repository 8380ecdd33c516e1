"""A moderator features a story in a real browser and a visitor finds it first on the home page."""

import pytest
from playwright.sync_api import Browser, Page, expect

from moderation.models import Decision
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, StoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_moderator_features_a_story_and_the_home_page_shows_it(
    page: Page, browser: Browser, live_server, moderator
):
    StoryFactory(title="The newest story, not featured")
    story = StoryFactory(title="The locksmith at midnight")
    StoryFactory(title="An even newer story")
    visitor = browser.new_context().new_page()
    visitor.set_default_timeout(8_000)
    visitor.goto(live_server.url + "/")
    expect(visitor.get_by_role("heading", name="Featured", exact=True)).to_have_count(0)

    log_in(page, live_server.url, moderator.email, PASSWORD)
    page.goto(live_server.url + f"/moderation/stories/{story.pk}/")
    page.get_by_role("button", name="Feature this story").click()
    expect(
        page.get_by_text("“The locksmith at midnight” is featured on the home page.")
    ).to_be_visible()
    expect(page.get_by_text("Featured on the home page", exact=True)).to_be_visible()

    # The visitor's cached home page changes on the very next request.
    visitor.reload()
    featured = visitor.locator(
        "section", has=visitor.get_by_role("heading", name="Featured", exact=True)
    )
    expect(featured.get_by_role("link", name="The locksmith at midnight")).to_be_visible()
    headings = visitor.locator("h2").all_inner_texts()
    assert headings.index("Featured") < headings.index("Latest stories")

    page.get_by_role("button", name="Stop featuring this story").click()
    expect(page.get_by_text("is no longer featured")).to_be_visible()
    visitor.reload()
    expect(visitor.get_by_role("heading", name="Featured", exact=True)).to_have_count(0)
    assert list(Decision.objects.values_list("action", flat=True)) == ["unfeature", "feature"]
