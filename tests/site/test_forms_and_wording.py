"""One wording for logging in, an error summary on every form, machine-readable times in seconds."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse

from stories.templatetags.machine_time import iso_datetime

pytestmark = pytest.mark.django_db

OLD_WORDING = ["Sign In", "Sign Up", "Sign Out", "Remember Me", "Signup"]


def page_text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize(
    ("url_name", "title", "button"),
    [("account_login", "Log in", "Log in"), ("account_signup", "Sign up", "Sign up")],
)
def test_the_entrance_pages_use_the_headers_wording(visitor, url_name, title, button):
    html = page_text(visitor.get(reverse(url_name)))

    assert f"<title>{title} · Flip the Counter</title>" in html
    assert f"<h1>{title}</h1>" in html
    assert f">{button}</button>" in html
    for old in OLD_WORDING:
        assert old not in html


def test_the_log_in_page_offers_to_remember_me(visitor):
    response = visitor.get(reverse("account_login"))

    assert response.context["form"]["remember"].label == "Remember me"
    assert "Remember me" in page_text(response)


def test_the_log_out_page_says_log_out(author_client):
    html = page_text(author_client.get(reverse("account_logout")))

    assert "<h1>Log out</h1>" in html
    assert ">Log out</button>" in html
    assert "Sign Out" not in html


def test_logging_in_and_out_says_so_in_the_same_words(visitor, author):
    response = visitor.post(
        reverse("account_login"),
        {"login": author.email, "password": "a-long-test-password-42"},
        follow=True,
    )
    assert "Logged in as Alice." in page_text(response)

    response = visitor.post(reverse("account_logout"), follow=True)
    assert "You have logged out." in page_text(response)


def test_a_failed_share_lists_each_error_linked_to_its_field(author_client):
    response = author_client.post(reverse("stories:share"), {"intent": "submit"})

    html = page_text(response)
    assert response.status_code == 400
    assert 'id="error-summary"' in html
    assert 'tabindex="-1"' in html
    assert '<a href="#id_title">Title: Give your story a title.</a>' in html
    assert '<a href="#id_perspective_0">Where were you in this story? Choose' in html
    assert "Everything you wrote is still here." in html


def test_a_failed_log_in_shows_the_error_summary(visitor):
    response = visitor.post(
        reverse("account_login"), {"login": "nobody@example.com", "password": "wrong"}
    )

    assert 'id="error-summary"' in page_text(response)


def test_an_empty_form_shows_no_error_summary(author_client):
    assert 'id="error-summary"' not in page_text(author_client.get(reverse("stories:share")))


def test_a_time_for_machines_drops_the_fraction_of_a_second(settings):
    settings.TIME_ZONE = "Europe/Paris"
    moment = datetime.datetime(2026, 12, 1, 9, 53, 20, 123456, tzinfo=datetime.UTC)

    rendered = Template("{% load machine_time %}{{ moment|iso_datetime }}").render(
        Context({"moment": moment})
    )

    assert rendered == "2026-12-01T10:53:20+01:00"
    assert iso_datetime(datetime.date(2026, 12, 1)) == "2026-12-01"
    assert iso_datetime(None) == ""


def test_a_failed_profile_save_lists_the_error_linked_to_its_field(author_client):
    response = author_client.post(reverse("accounts:profile"), {"display_name": "  "})

    assert (
        '<a href="#id_display_name">Display name: Enter the name other readers should see.</a>'
        in page_text(response)
    )
