"""/healthz says the process is up; /readyz says whether it can reach what it needs."""

import json

import pytest
from django.db import connections
from django.db.utils import OperationalError

from kindness import health

SECRET_HOST = "db-primary.internal.example"


def body(response) -> dict:
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


# No django_db mark: any query would fail the test.
def test_healthz_answers_without_touching_the_database(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert body(response) == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_checks_the_database_the_caches_and_the_photo_storage(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    checks = body(response)["checks"]
    assert body(response)["status"] == "ok"
    assert set(checks) == {"database", "cache", "storage", "tasks"}
    assert all(check["ok"] for check in checks.values())


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_set_no_cookie_and_are_never_cached(client, path):
    client.cookies.clear()
    response = client.get(path)

    assert not response.cookies
    assert "no-store" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_a_load_balancer_may_probe_over_plain_http_by_the_servers_own_address(
    client, settings, path
):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["flip-the-counter.example"]

    response = client.get(path, HTTP_HOST="10.0.3.7:8000")

    assert response.status_code == 200


def test_other_pages_still_redirect_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/about/").status_code == 301


@pytest.mark.django_db
def test_readyz_answers_503_naming_the_failed_check_without_its_secrets(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError(f'connection to server at "{SECRET_HOST}" (10.0.0.5) refused')

    monkeypatch.setattr(connections["default"], "cursor", unreachable)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert body(response)["status"] == "failing"
    assert body(response)["checks"]["database"] == {
        "ok": False,
        "error": "OperationalError",
        "ms": body(response)["checks"]["database"]["ms"],
    }
    assert SECRET_HOST not in response.content.decode()
    assert "10.0.0.5" not in response.content.decode()


@pytest.mark.django_db
def test_readyz_fails_when_a_cache_loses_what_it_stored(client, monkeypatch):
    from django.core.cache import caches

    monkeypatch.setattr(caches["default"], "get", lambda *args, **kwargs: None)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert body(response)["checks"]["cache"]["ok"] is False


@pytest.mark.django_db
def test_readyz_fails_when_the_photo_folder_cannot_be_made(client, settings, tmp_path):
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder")
    settings.MEDIA_ROOT = in_the_way / "media"

    response = client.get("/readyz")

    assert response.status_code == 503
    assert body(response)["checks"]["storage"]["ok"] is False


def queue(depth: int, waited: float):
    """Figures as the task queue reports them (outbox.status.queue_status)."""
    return lambda: {"tasks_due": depth, "oldest_task_wait_seconds": waited}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("depth", "waited", "ready"), [(0, 0.0, True), (12, 40.0, True), (900, 7200.0, False)]
)
def test_the_task_queue_check_reports_depth_and_age_and_fails_when_far_behind(
    client, monkeypatch, settings, depth, waited, ready
):
    settings.READYZ_TASK_MAX_AGE = 15 * 60
    check = health.task_queue(queue(depth, waited), age="oldest_task_wait_seconds")
    monkeypatch.setattr(health, "READINESS_CHECKS", [*health.READINESS_CHECKS, check])

    response = client.get("/readyz")

    assert response.status_code == (200 if ready else 503)
    tasks = body(response)["checks"]["tasks"]
    assert tasks["ok"] is ready
    assert tasks["tasks_due"] == depth
    assert tasks["oldest_task_wait_seconds"] == waited


@pytest.mark.django_db
def test_readyz_fails_when_the_task_queue_cannot_be_read(client, monkeypatch):
    def unreadable():
        raise OperationalError(f"could not connect to {SECRET_HOST}")

    check = health.task_queue(unreadable, age="oldest_task_wait_seconds")
    monkeypatch.setattr(health, "READINESS_CHECKS", [*health.READINESS_CHECKS, check])

    response = client.get("/readyz")

    assert response.status_code == 503
    assert body(response)["checks"]["tasks"]["ok"] is False
    assert SECRET_HOST not in response.content.decode()
