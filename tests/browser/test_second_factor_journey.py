"""A new moderator meets the enrolment page, adds an authenticator app, then works the queue."""

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import Page, expect

from stories.models import Story
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, ModeratorFactory, StoryFactory, UserFactory, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_moderator_enrols_an_authenticator_app_then_works_the_queue(page: Page, live_server):
    newcomer = ModeratorFactory(display_name="Nia", enrolled=False)
    story = StoryFactory(
        author=UserFactory(display_name="Ines"),
        title="The porter who carried our bags",
        status=Story.Status.SUBMITTED,
    )
    log_in(page, live_server.url, newcomer.email, PASSWORD)

    page.goto(live_server.url + "/moderation/")
    expect(
        page.get_by_role("heading", name="Add a second factor before you moderate")
    ).to_be_visible()
    expect(page.get_by_text(story.title)).to_have_count(0)
    page.get_by_role("link", name="Set up an authenticator app").click()

    # allauth asks for the password again before adding a factor.
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", name="Recovery Codes")).to_be_visible()
    assert Authenticator.objects.filter(user=newcomer, type="totp").exists()

    page.goto(live_server.url + "/moderation/")
    page.get_by_role("link", name=story.title).click()
    page.get_by_label("Approve and publish").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Nothing is waiting")).to_be_visible()
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED
