"""The email-change chain is refused without the password: an open session alone cannot add an
address to take the account over."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in
from tests.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

ATTACKER = "attacker@example.net"


def test_the_email_change_chain_is_refused_without_the_password(
    page: Page, live_server, mailoutbox
):
    member = UserFactory(email="rosa@example.com", display_name="Rosa")
    log_in(page, live_server.url, member.email, PASSWORD)

    page.goto(live_server.url + "/accounts/email/")
    page.get_by_label("Change to").fill(ATTACKER)
    page.get_by_role("button", name="Change Email").click()

    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    page.get_by_label("Password").fill("a-guessed-password")
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    expect(page.locator("#id_password_error")).to_have_text(
        "That password is not right. Nothing on your account was changed."
    )
    assert not EmailAddress.objects.filter(email=ATTACKER).exists()
    assert mailoutbox == []

    page.goto(live_server.url + "/accounts/email/")
    expect(page.get_by_label("Current email")).to_have_value(member.email)
    expect(page.get_by_label("Changing to")).to_have_count(0)
