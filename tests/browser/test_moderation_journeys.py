"""Moderation in a real browser: a story through changes to publication, and flags to resolution."""

import pytest
from playwright.sync_api import Browser, Page, expect

from moderation.models import Decision, Flag
from stories.models import Story
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, StoryFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_story_goes_from_changes_requested_to_published_under_its_practices(
    page: Page, browser: Browser, live_server, moderator, mailoutbox
):
    member = UserFactory(display_name="Ines")
    log_in(page, live_server.url, member.email, PASSWORD)
    page.goto(live_server.url + "/share/")
    page.get_by_label("Title").fill("The nurse who remembered my mother")
    page.get_by_label("Your story").fill("Nurse Jane Doe stayed late to explain everything twice.")
    page.get_by_label("I was the customer").check()
    page.get_by_label("Where did it happen?").select_option("healthcare")
    page.get_by_label("Say thank you").check()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Waiting for review")).to_be_visible()

    moderator_page = browser.new_page()
    moderator_page.set_default_timeout(8_000)
    log_in(moderator_page, live_server.url, moderator.email, PASSWORD)
    moderator_page.get_by_role("link", name="Moderation 1 waiting").click()
    moderator_page.get_by_role("link", name="The nurse who remembered my mother").click()
    expect(moderator_page.get_by_text("Stories published")).to_be_visible()
    moderator_page.get_by_label("Ask the author for changes").check()
    moderator_page.get_by_label("Note to the author").fill("Please use only her first name.")
    moderator_page.get_by_role("button", name="Record the decision").click()
    expect(moderator_page.get_by_text("asked for changes")).to_be_visible()
    assert "Please use only her first name." in mailoutbox[-1].body

    page.goto(live_server.url + "/my-stories/")
    expect(page.get_by_text("Please use only her first name.")).to_be_visible()
    page.get_by_role("link", name="Edit").first.click()
    page.get_by_label("Your story").fill("Jane stayed late to explain everything twice.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Waiting for review")).to_be_visible()

    moderator_page.goto(live_server.url + "/moderation/")
    moderator_page.get_by_role("link", name="The nurse who remembered my mother").click()
    moderator_page.get_by_label("Approve and publish").check()
    moderator_page.get_by_role("button", name="Record the decision").click()
    expect(moderator_page.get_by_text("Nothing is waiting")).to_be_visible()

    page.goto(live_server.url + "/practices/say-thank-you/")
    expect(page.get_by_role("link", name="The nurse who remembered my mother")).to_be_visible()
    story = Story.objects.get(title="The nurse who remembered my mother")
    assert story.status == Story.Status.PUBLISHED
    assert [d.action for d in Decision.objects.filter(story=story).order_by("created_at")] == [
        "request_changes",
        "approve",
    ]


def test_flags_hide_a_story_until_a_moderator_keeps_it(
    page: Page, browser: Browser, live_server, moderator
):
    story = StoryFactory(title="A story some readers doubt")
    for name in ["Flagger One", "Flagger Two", "Flagger Three"]:
        reader = UserFactory(display_name=name)
        context = browser.new_context()
        reader_page = context.new_page()
        reader_page.set_default_timeout(8_000)
        log_in(reader_page, live_server.url, reader.email, PASSWORD)
        reader_page.goto(live_server.url + story.get_absolute_url())
        reader_page.get_by_text("Report this story").click()
        reader_page.get_by_label("What is wrong?").select_option("not_service")
        reader_page.get_by_role("button", name="Send to the moderators").click()
        expect(reader_page.get_by_text("A moderator will read the story again")).to_be_visible()
        context.close()

    page.goto(live_server.url + "/stories/")
    expect(page.get_by_role("link", name="A story some readers doubt")).to_have_count(0)
    assert page.goto(live_server.url + story.get_absolute_url()).status == 404

    log_in(page, live_server.url, moderator.email, PASSWORD)
    page.goto(live_server.url + "/moderation/flagged/")
    page.get_by_role("link", name="A story some readers doubt").click()
    expect(page.get_by_text("It is not a service story").first).to_be_visible()
    page.get_by_label("Keep it published").check()
    page.get_by_role("button", name="Resolve").click()
    expect(page.get_by_text("No open flags.")).to_be_visible()

    page.goto(live_server.url + "/stories/")
    expect(page.get_by_role("link", name="A story some readers doubt")).to_be_visible()
    assert Flag.objects.open().count() == 0
    assert list(Decision.objects.filter(story=story).values_list("action", flat=True)) == [
        "keep",
        "hide",
    ]
