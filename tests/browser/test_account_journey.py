"""A newcomer signs up, verifies their email, logs out and in, and resets a forgotten password."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import link_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_signup_verify_logout_login_and_reset_password(page: Page, live_server, mailoutbox):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Sign up").click()

    page.get_by_label("Email").fill("newcomer@example.com")
    page.get_by_label("Password:", exact=True).fill("counter-kindness-2026")
    page.get_by_label("Password (again):").fill("counter-kindness-2026")
    page.get_by_label("Display name").fill("Rosa")
    page.get_by_role("button", name="Sign up", exact=True).click()

    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["newcomer@example.com"]

    page.goto(link_in(mailoutbox[0]))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("You have confirmed newcomer@example.com")).to_be_visible()

    page.locator("summary", has_text="Rosa").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()

    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill("newcomer@example.com")
    page.get_by_label("Password:", exact=True).fill("counter-kindness-2026")
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.locator("summary", has_text="Rosa")).to_be_visible()

    page.locator("summary", has_text="Rosa").click()
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Log in").click()
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill("newcomer@example.com")
    page.get_by_role("button", name="Reset My Password").click()
    expect(page.get_by_role("heading", name="Password Reset")).to_be_visible()

    reset_mail = mailoutbox[-1]
    assert "Password Reset" in reset_mail.subject
    page.goto(link_in(reset_mail))
    page.get_by_label("New Password:", exact=True).fill("a-brand-new-password-77")
    page.get_by_label("New Password (again):").fill("a-brand-new-password-77")
    page.get_by_role("button", name="Change Password").click()
    expect(page.get_by_text("Your password is now changed.")).to_be_visible()

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill("newcomer@example.com")
    page.get_by_label("Password:", exact=True).fill("a-brand-new-password-77")
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.locator("summary", has_text="Rosa")).to_be_visible()
