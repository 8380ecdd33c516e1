"""Settings from the environment: typed helpers, database URLs and production guard rails."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.utils import ConnectionHandler

from kindness.env import database_from_url, env_bool, env_int, env_list, sqlite_database

PROJECT_ROOT = Path(__file__).resolve().parents[2]
VAR = "FLIP_TEST_SETTING"


def run_python(*args: str, **overrides: str) -> subprocess.CompletedProcess:
    """Run Python in a fresh interpreter, as manage.py or gunicorn would, with only `overrides`
    of the settings' environment."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    env.update(overrides)
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def import_settings(code: str = "import kindness.settings", **overrides: str):
    return run_python("-c", code, **overrides)


@pytest.mark.parametrize("word", ["true", "TRUE", " yes ", "on", "1"])
def test_it_reads_true_words_as_true(monkeypatch, word):
    monkeypatch.setenv(VAR, word)

    assert env_bool(VAR, False) is True


@pytest.mark.parametrize("word", ["false", "No", "off", "0", ""])
def test_it_reads_false_words_as_false(monkeypatch, word):
    monkeypatch.setenv(VAR, word)

    assert env_bool(VAR, True) is False


def test_it_uses_the_default_when_a_variable_is_unset(monkeypatch):
    monkeypatch.delenv(VAR, raising=False)

    assert env_bool(VAR, True) is True
    assert env_int(VAR, 587) == 587
    assert env_list(VAR, ["localhost"]) == ["localhost"]


def test_it_refuses_a_yes_no_value_it_cannot_read(monkeypatch):
    monkeypatch.setenv(VAR, "maybe")

    with pytest.raises(ImproperlyConfigured, match=f"{VAR} must be true or false, not 'maybe'"):
        env_bool(VAR, True)


def test_it_reads_a_whole_number(monkeypatch):
    monkeypatch.setenv(VAR, "25")

    assert env_int(VAR, 587, minimum=1) == 25


def test_it_refuses_a_number_it_cannot_read(monkeypatch):
    monkeypatch.setenv(VAR, "abc")

    with pytest.raises(ImproperlyConfigured, match="must be a whole number"):
        env_int(VAR, 587)


def test_it_refuses_a_number_below_the_minimum(monkeypatch):
    monkeypatch.setenv(VAR, "0")

    with pytest.raises(ImproperlyConfigured, match="must be at least 1"):
        env_int(VAR, 587, minimum=1)


def test_it_splits_a_comma_separated_list(monkeypatch):
    monkeypatch.setenv(VAR, " flipthecounter.example, www.flipthecounter.example ,, ")

    assert env_list(VAR, []) == ["flipthecounter.example", "www.flipthecounter.example"]


def test_it_reads_a_postgres_url(tmp_path):
    config = database_from_url("postgres://u:p%40ss@db.internal:5433/db", base_dir=tmp_path)

    assert config["ENGINE"] == "kindness.postgresql"
    assert config["NAME"] == "db"
    assert config["USER"] == "u"
    assert config["PASSWORD"] == "p@ss"
    assert config["HOST"] == "db.internal"
    assert config["PORT"] == "5433"


def test_it_passes_postgres_url_options_through(tmp_path):
    config = database_from_url("postgresql://u:p@h/db?sslmode=require", base_dir=tmp_path)

    assert config["OPTIONS"] == {"sslmode": "require", "options": "-c jit=off"}
    assert config["PORT"] == ""


def test_it_turns_postgres_jit_off_unless_the_url_says_otherwise(tmp_path):
    url = "postgresql://u:p@h/db?options=-c%20work_mem%3D8MB"

    assert database_from_url(url, base_dir=tmp_path)["OPTIONS"] == {"options": "-c work_mem=8MB"}


def test_it_refuses_a_postgres_url_without_a_database_name(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="must name a database"):
        database_from_url("postgres://u:p@h:5432/", base_dir=tmp_path)


def test_it_reads_a_relative_sqlite_url_from_the_project_folder(tmp_path):
    config = database_from_url("sqlite:///var/x.db", base_dir=tmp_path)

    assert config["ENGINE"] == "kindness.sqlite"
    assert config["NAME"] == tmp_path / "var" / "x.db"


def test_it_reads_an_absolute_sqlite_url(tmp_path):
    config = database_from_url(f"sqlite:///{tmp_path}/x.db", base_dir=Path("/elsewhere"))

    assert config["NAME"] == tmp_path / "x.db"


def test_it_refuses_a_database_it_does_not_support(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="'mysql' is not supported"):
        database_from_url("mysql://u:p@h/db", base_dir=tmp_path)


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = import_settings(DJANGO_DEBUG="false")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_it_refuses_a_short_secret_key_when_debug_is_off():
    result = import_settings(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="too-short")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_it_starts_with_a_real_secret_key_when_debug_is_off():
    result = import_settings(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="k" * 60)

    assert result.returncode == 0, result.stderr


def test_it_refuses_a_misspelt_debug_flag_at_start():
    result = import_settings(DJANGO_DEBUG="flase")

    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


def test_it_opens_sqlite_files_in_wal_mode(tmp_path, django_db_blocker):
    # The test database may live in memory, where WAL does not exist; open a real file instead.
    connections = ConnectionHandler({"default": sqlite_database(tmp_path / "wal.sqlite3")})
    try:
        with django_db_blocker.unblock(), connections["default"].cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    finally:
        connections.close_all()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite-only connection options")
def test_it_configures_sqlite_for_concurrent_requests():
    options = settings.DATABASES["default"]["OPTIONS"]

    assert "journal_mode=WAL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5


def test_it_creates_no_folder_when_the_settings_are_imported(tmp_path):
    var = tmp_path / "var"

    result = import_settings(DJANGO_VAR_DIR=str(var))

    assert result.returncode == 0, result.stderr
    assert not var.exists()


@pytest.mark.parametrize(
    "command", [("migrate", "--noinput", "-v0"), ("makemigrations", "--check", "--dry-run")]
)
def test_it_makes_the_sqlite_folder_when_a_fresh_clone_first_opens_the_database(tmp_path, command):
    var = tmp_path / "var"

    result = run_python("manage.py", *command, DJANGO_VAR_DIR=str(var))

    assert result.returncode == 0, result.stderr
    assert (var / "db.sqlite3").is_file()


def test_it_serves_the_site_urls_whatever_the_environment_asks():
    result = import_settings(
        "import kindness.settings as s; print(s.ROOT_URLCONF)", DJANGO_ROOT_URLCONF="perf.urls"
    )

    assert result.stdout.strip() == "kindness.urls"


def test_it_leaves_the_benchmark_out_of_the_site(client, db):
    assert "perf" not in settings.INSTALLED_APPS
    assert client.get("/bench/hello/").status_code == 404


def test_it_gives_the_benchmark_its_floor_page_and_commands_in_perf_settings():
    result = import_settings(
        "import django; django.setup();"
        "from django.core.management import get_commands;"
        "from django.urls import resolve;"
        "print(resolve('/bench/hello/').url_name, get_commands()['bench'])",
        DJANGO_SETTINGS_MODULE="perf.settings",
    )

    assert result.stdout.split() == ["bench_hello", "perf"], result.stderr
