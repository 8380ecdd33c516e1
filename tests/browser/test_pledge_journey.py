"""A pledge in a real browser: "I'll try this", the reminder a week later, the story written from
its link, a moderator's approval, and the practice page counting both."""

import pytest
from playwright.sync_api import Browser, Page, expect

from pledges.reminders import SUBJECT
from stories.models import Story
from tests.browser.conftest import link_in, log_in
from tests.factories import PASSWORD, UserFactory
from tests.mail import run_queued_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PRACTICE = "/practices/smile-first/"


def test_a_member_pledges_writes_back_from_the_reminder_and_the_counts_change(
    page: Page, browser: Browser, live_server, moderator, mailoutbox, settings
):
    settings.SITE_URL = live_server.url
    member = UserFactory(display_name="Ines")
    log_in(page, live_server.url, member.email, PASSWORD)
    page.goto(live_server.url + PRACTICE)
    counts = page.locator(".pledge-count")
    expect(counts).to_have_text("0 people tried this; 0 wrote back")

    page.get_by_role("button", name="I'll try this").click()
    expect(page.get_by_text("I'm trying this")).to_be_visible()
    expect(counts).to_have_text("1 person tried this; 0 wrote back")
    assert not [message for message in mailoutbox if message.subject == SUBJECT]

    # A week later: the worker runs the reminder that was waiting for its day.
    run_queued_tasks(including_later=True)
    [reminder] = [message for message in mailoutbox if message.subject == SUBJECT]
    assert reminder.to == [member.email]

    page.goto(link_in(reminder))
    expect(page.get_by_label("Smile first")).to_be_checked()
    page.get_by_label("Title").fill("I smiled first at the night cashier")
    page.get_by_label("Your story").fill("She looked up, surprised, and smiled back at last.")
    page.get_by_label("I was the customer").check()
    page.get_by_label("Where did it happen?").select_option("grocery")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Waiting for review")).to_be_visible()

    moderator_page = browser.new_page()
    moderator_page.set_default_timeout(8_000)
    log_in(moderator_page, live_server.url, moderator.email, PASSWORD)
    moderator_page.get_by_role("link", name="Moderation 1 waiting").click()
    moderator_page.get_by_role("link", name="I smiled first at the night cashier").click()
    moderator_page.get_by_label("Approve and publish").check()
    moderator_page.get_by_role("button", name="Record the decision").click()
    expect(moderator_page.get_by_text("Nothing is waiting")).to_be_visible()

    page.goto(live_server.url + PRACTICE)
    expect(counts).to_have_text("1 person tried this; 1 wrote back")
    page.get_by_role("link", name="I smiled first at the night cashier").click()
    expect(page.locator(".tried-after")).to_have_text("Tried after reading about Smile first")
    story = Story.objects.get(title="I smiled first at the night cashier")
    assert story.pledge.member == member
