"""The two journeys the stories feature exists for, in a real browser."""

import pytest
from playwright.sync_api import Page, expect

from stories.models import Story
from tests.browser.conftest import link_in, log_in
from tests.factories import PASSWORD, StoryFactory, UserFactory, image_upload

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_a_newcomer_shares_a_story_with_a_photo_and_sees_it_pending(
    page: Page, live_server, mailoutbox, tmp_path
):
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("Email").fill("teller@example.com")
    page.get_by_label("Password:", exact=True).fill("counter-kindness-2026")
    page.get_by_label("Password (again):").fill("counter-kindness-2026")
    page.get_by_label("Display name").fill("Teller")
    page.get_by_role("button", name="Sign up", exact=True).click()
    page.goto(link_in(mailoutbox[0]))
    page.get_by_role("button", name="Confirm").click()

    page.get_by_role("link", name="Share a story").first.click()
    photo = tmp_path / "counter.jpg"
    photo.write_bytes(image_upload(size=(1200, 900)).read())

    page.get_by_label("Title").fill("The barista who asked me back")
    page.get_by_label("Your story").fill(
        "I asked how her morning was.\n\nShe laughed and asked me back."
    )
    page.get_by_label("I was the customer").check()
    page.get_by_label("Where did it happen?").select_option("restaurant")
    page.get_by_label('Ask "How are you?"').check()
    page.get_by_label("Tags").fill("morning, coffee")
    page.get_by_label("Photo:", exact=True).set_input_files(str(photo))
    # The alt text is missing: the form comes back with a clear message and keeps the photo.
    page.get_by_role("button", name="Submit for review").click()
    expect(
        page.get_by_text("Describe the photo for readers who cannot see it.", exact=True)
    ).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("The barista who asked me back")
    expect(page.get_by_alt_text("The photo you chose")).to_be_visible()

    page.get_by_label("Describe the photo").fill("A paper cup on a wooden counter")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".preview-frame")
    expect(preview.get_by_role("heading", name="The barista who asked me back")).to_be_visible()
    expect(preview.get_by_alt_text("A paper cup on a wooden counter")).to_be_visible()

    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("heading", name="My stories")).to_be_visible()
    expect(page.get_by_text("Your story is waiting for a moderator")).to_be_visible()
    card = page.locator(".my-story", has_text="The barista who asked me back")
    expect(card.get_by_text("Waiting for review")).to_be_visible()

    story = Story.objects.get(title="The barista who asked me back")
    assert story.status == Story.Status.SUBMITTED
    assert story.photo is not None
    assert sorted(tag.name for tag in story.tags.all()) == ["coffee", "morning"]


def test_a_reader_browses_a_practice_thanks_a_story_and_finds_it_by_search(page: Page, live_server):
    teller = UserFactory(display_name="Nadia")
    StoryFactory(
        author=teller,
        title="Grace at the gate",
        body="The flight was cancelled and the agent looked exhausted. I waited and said thanks.",
        setting=Story.Setting.AIRLINE,
        practices=["give-grace"],
    )
    StoryFactory(author=teller, title="A different practice", practices=["smile-first"])
    reader = UserFactory(display_name="Reader")

    log_in(page, live_server.url, reader.email, PASSWORD)
    page.get_by_role("link", name="Practices").first.click()
    page.get_by_role("link", name="Give grace when things go wrong").click()
    expect(page.get_by_role("heading", name="Give grace when things go wrong")).to_be_visible()
    expect(page.get_by_role("link", name="A different practice")).to_have_count(0)

    page.get_by_role("link", name="Grace at the gate").click()
    expect(page.get_by_text("By Nadia")).to_be_visible()
    page.get_by_role("button", name="Thank the storyteller").click()
    expect(page.get_by_text("Thank you sent.")).to_be_visible()
    expect(page.locator(".thanks-box strong")).to_have_text("1")

    page.goto(live_server.url + "/search/")
    page.get_by_label("Search the stories").fill("exhausted agent")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Grace at the gate")).to_be_visible()
    expect(page.get_by_text("1 story found")).to_be_visible()
