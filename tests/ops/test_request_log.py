"""DJANGO_REQUEST_LOG: one JSON line per request, and the request's id on every line it causes."""

import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from kindness.request_log import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db

PROXY_ID = "3f2c9a7e1b6d4c08a5e7f9b2c1d0e3a4"


@pytest.fixture
def request_log(settings, caplog):
    """The log as the production settings write it when DJANGO_REQUEST_LOG is on."""
    settings.REQUEST_LOG = True
    caplog.set_level(logging.INFO, logger="kindness.requests")
    caplog.handler.addFilter(RequestIdFilter())
    caplog.handler.setFormatter(JsonFormatter())
    yield caplog
    caplog.handler.removeFilter(caplog.handler.filters[-1])


def lines(caplog, logger: str = "kindness.requests") -> list[dict]:
    return [
        json.loads(caplog.handler.format(record))
        for record in caplog.records
        if record.name == logger
    ]


def test_it_logs_one_json_line_per_request(request_log, published_story):
    response = Client().get(published_story.get_absolute_url())

    [line] = lines(request_log)
    assert line["method"] == "GET"
    assert line["path"] == published_story.get_absolute_url()
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert line["user_id"] is None
    assert line["request_id"] == response["X-Request-ID"]


def test_it_logs_who_was_signed_in(request_log, login, author):
    login(author).get(reverse("stories:mine"))

    assert lines(request_log)[-1]["user_id"] == author.pk


def test_it_keeps_the_proxys_request_id(request_log):
    response = Client().get(reverse("about"), headers={"X-Request-ID": PROXY_ID})

    assert response["X-Request-ID"] == PROXY_ID
    assert lines(request_log)[-1]["request_id"] == PROXY_ID


@pytest.mark.parametrize(
    "forged", ['abc"}\n{"status": 200', "x" * 500, "short", "spaces are not allowed here"]
)
def test_it_replaces_a_malformed_request_id(request_log, forged):
    response = Client().get(reverse("about"), headers={"X-Request-ID": forged})

    assert response["X-Request-ID"] != forged
    assert len(response["X-Request-ID"]) == 32
    assert lines(request_log)[-1]["request_id"] == response["X-Request-ID"]


def test_it_never_logs_a_password_reset_key(request_log):
    Client().get("/accounts/password/reset/key/1-abcdef-0123456789abcdef0123456789abcdef/")

    [line] = lines(request_log)
    assert "0123456789abcdef" not in json.dumps(line)
    assert line["path"] == "/accounts/password/reset/key/1-[redacted]/"


def test_a_page_not_found_is_logged_with_the_id_sent_to_the_client(request_log):
    response = Client().get("/no-such-page/")

    [warning] = lines(request_log, "django.request")
    assert warning["message"] == "Not Found: /no-such-page/"
    assert warning["request_id"] == response["X-Request-ID"]


def test_an_error_is_logged_with_the_id_sent_to_the_client(request_log, settings):
    settings.ROOT_URLCONF = "tests.site.error_urls"
    client = Client(raise_request_exception=False)

    response = client.get("/test-errors/broken/")

    assert response.status_code == 500
    [error] = lines(request_log, "django.request")
    assert error["request_id"] == response["X-Request-ID"]
    assert "A deliberate failure" in error["exception"]
    assert lines(request_log)[-1]["status"] == 500


def test_without_the_setting_nothing_is_logged_and_no_id_is_sent(settings, caplog):
    settings.REQUEST_LOG = False
    caplog.set_level(logging.INFO, logger="kindness.requests")

    response = Client().get(reverse("about"))

    assert "X-Request-ID" not in response
    assert not [record for record in caplog.records if record.name == "kindness.requests"]
