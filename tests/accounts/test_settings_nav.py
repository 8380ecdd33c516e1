"""The settings navigation is rendered once per page kind (accounts.templatetags.settings_nav)."""

import pytest
from django.urls import reverse

from tests.pages import parse

pytestmark = pytest.mark.django_db

PAGES = {
    "accounts:profile": "Display name",
    "account_email": "Email address",
    "account_change_password": "Password",
    "pledges:mine": "My pledges",
    "accounts:data": "Download my data",
    "accounts:delete": "Delete account",
}


def current_links(response) -> list[str]:
    nav = parse(response).find("nav", cls="settings-nav")
    return [link.text for link in nav.find_all("a") if link.attrs.get("aria-current") == "page"]


def test_each_settings_page_marks_itself_and_no_other(author_client):
    for name, label in PAGES.items():
        assert current_links(author_client.get(reverse(name))) == [label], name

    # Visited again, from what was kept: still each its own.
    for name, label in reversed(PAGES.items()):
        assert current_links(author_client.get(reverse(name))) == [label], name


def test_the_delete_page_shows_its_blank_fields_and_then_the_errors(author_client):
    page = parse(author_client.get(reverse("accounts:delete")))
    assert len(page.find_all("input", type="radio", name="stories")) == 2
    assert page.find("input", type="password", name="password") is not None

    response = author_client.post(reverse("accounts:delete"), {"password": "wrong"})

    assert "Choose whether your stories are deleted" in response.content.decode()
    blank_again = author_client.get(reverse("accounts:delete")).content.decode()
    assert "Choose whether your stories are deleted" not in blank_again
