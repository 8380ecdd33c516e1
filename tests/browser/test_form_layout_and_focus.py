"""After a failed submit, focus lands on what to fix; checkboxes sit beside their labels."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in
from tests.factories import PASSWORD, UserFactory, image_upload

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def focused_id(page: Page) -> str:
    return page.evaluate("document.activeElement.id")


def test_a_failed_share_moves_focus_to_the_error_summary(page: Page, live_server):
    member = UserFactory(display_name="Teller")
    log_in(page, live_server.url, member.email, PASSWORD)
    page.goto(live_server.url + "/share/")

    page.get_by_role("button", name="Submit for review").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    assert focused_id(page) == "error-summary"
    summary.get_by_role("link", name="Title: Give your story a title.").click()
    expect(page.get_by_label("Title")).to_be_focused()


def test_a_failed_log_in_moves_focus_to_the_error_summary(page: Page, live_server):
    member = UserFactory()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password:", exact=True).fill("not-the-password")

    page.get_by_role("button", name="Log in", exact=True).click()

    expect(page.locator("#error-summary")).to_be_focused()


@pytest.mark.parametrize("width", [360, 1280])
def test_remove_the_photo_sits_on_one_line_apart_from_the_next_field(
    page: Page, live_server, tmp_path, width
):
    page.set_viewport_size({"width": width, "height": 900})
    member = UserFactory(display_name="Teller")
    log_in(page, live_server.url, member.email, PASSWORD)
    page.goto(live_server.url + "/share/")
    photo = tmp_path / "counter.jpg"
    photo.write_bytes(image_upload().read())
    page.get_by_label("Photo:", exact=True).set_input_files(str(photo))
    page.get_by_role("button", name="Submit for review").click()  # comes back with the photo kept
    page.wait_for_load_state("load")

    box = page.get_by_label("Remove the photo").bounding_box()
    label = page.locator("label", has_text="Remove the photo").bounding_box()
    next_field = page.locator("label", has_text="Describe the photo").bounding_box()
    page.locator(".photo-fieldset").screenshot(path=str(tmp_path / f"photo-{width}.png"))

    assert label["x"] > box["x"] + box["width"], "the label follows the box on its line"
    box_middle = box["y"] + box["height"] / 2
    assert label["y"] <= box_middle <= label["y"] + label["height"], "one line"
    gap = next_field["y"] - max(label["y"] + label["height"], box["y"] + box["height"])
    assert gap >= 8, f"only {gap}px before the next field"


def test_the_kept_photo_holds_its_place_before_its_thumbnail_arrives(
    page: Page, live_server, tmp_path
):
    """The form does not jump under the reader's eyes when the thumbnail loads."""
    member = UserFactory(display_name="Teller")
    log_in(page, live_server.url, member.email, PASSWORD)
    page.goto(live_server.url + "/share/")
    photo = tmp_path / "counter.jpg"
    photo.write_bytes(image_upload(size=(800, 600)).read())
    page.get_by_label("Photo:", exact=True).set_input_files(str(photo))
    page.route("**/thumb.jpg", lambda route: route.abort())
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_load_state("load")

    kept = page.get_by_alt_text("The photo you chose")
    assert kept.evaluate("image => image.naturalWidth") == 0, "the thumbnail never arrived"
    place = kept.bounding_box()
    assert place["width"] == pytest.approx(160, abs=1)
    assert place["height"] == pytest.approx(120, abs=1)
