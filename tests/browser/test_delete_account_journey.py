"""A member deletes their account, choosing to keep their published stories as "Anonymous"."""

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, StoryFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_keeps_their_stories_as_anonymous_when_they_leave(page: Page, live_server):
    member = UserFactory(display_name="Rosa")
    story = StoryFactory(author=member, title="The librarian who waited")
    log_in(page, live_server.url, member.email, PASSWORD)

    page.goto(live_server.url + "/accounts/profile/")
    page.get_by_role("link", name="Delete account").click()
    expect(page.get_by_text("Your published stories stay on the site")).to_be_visible()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.locator("#error-summary")).to_contain_text("Choose whether your stories")

    page.get_by_label("Keep my published stories on the site").check()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account for good").click()

    expect(page.get_by_text("Your 1 story stays published as “Anonymous”.")).to_be_visible()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    page.goto(live_server.url + story.get_absolute_url())
    expect(page.get_by_text("By Anonymous")).to_be_visible()
    expect(page.get_by_text("Rosa")).to_have_count(0)
    assert not User.objects.filter(pk=member.pk).exists()
