"""kindness.postgresql: a kept connection is checked without a round trip, and still replaced
when the server has ended it (a restart, a terminated backend)."""

import time

import pytest
from django.db import connection, connections

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's connections"),
]


@pytest.fixture
def kept():
    """A second connection to the test database, kept between requests as CONN_MAX_AGE does."""
    other = connections.create_connection("default")
    other.ensure_connection()
    yield other
    other.close()


def backend_pid(wrapper) -> int:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def next_request(wrapper) -> None:
    """What Django does between two requests, then the check before the next one's first query."""
    wrapper.close_if_unusable_or_obsolete()
    wrapper.close_if_health_check_failed()


def test_it_keeps_a_connection_the_server_still_holds_without_asking_it(kept, monkeypatch):
    pid = backend_pid(kept)
    held = kept.connection
    monkeypatch.setattr(kept, "is_usable", lambda: pytest.fail("the check sent a query"))

    next_request(kept)

    assert kept.connection is held
    assert backend_pid(kept) == pid


def test_it_replaces_a_connection_the_server_has_ended(kept):
    pid = backend_pid(kept)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    deadline = time.monotonic() + 5
    while kept.server_still_holds_it() and time.monotonic() < deadline:
        time.sleep(0.01)

    next_request(kept)

    assert backend_pid(kept) != pid
