"""The email backend is chosen by name in the environment; a value it cannot use stops the site."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from kindness.mail_env import mailer_from_env
from tests.site.test_settings import import_settings

VAR_DIR = Path("/srv/flip/var")


@pytest.fixture(autouse=True)
def _no_email_variables(monkeypatch):
    for name in [
        "DJANGO_EMAIL_BACKEND",
        "DJANGO_EMAIL_HOST",
        "DJANGO_EMAIL_PORT",
        "DJANGO_EMAIL_HOST_USER",
        "DJANGO_EMAIL_HOST_PASSWORD",
        "DJANGO_EMAIL_USE_TLS",
        "DJANGO_EMAIL_USE_SSL",
        "DJANGO_EMAIL_TIMEOUT",
        "DJANGO_EMAIL_FILE_PATH",
    ]:
        monkeypatch.delenv(name, raising=False)


def test_it_prints_emails_to_the_console_by_default_while_developing():
    mailer = mailer_from_env(default="console", var_dir=VAR_DIR)

    assert mailer == {"BACKEND": "django.core.mail.backends.console.EmailBackend", "OPTIONS": {}}


def test_it_reads_the_smtp_server_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_EMAIL_BACKEND", "smtp")
    monkeypatch.setenv("DJANGO_EMAIL_HOST", "mail.example.org")
    monkeypatch.setenv("DJANGO_EMAIL_PORT", "2525")
    monkeypatch.setenv("DJANGO_EMAIL_HOST_USER", "flip")
    monkeypatch.setenv("DJANGO_EMAIL_HOST_PASSWORD", "s3cret")
    monkeypatch.setenv("DJANGO_EMAIL_USE_TLS", "false")

    mailer = mailer_from_env(default="console", var_dir=VAR_DIR)

    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"] == {
        "host": "mail.example.org",
        "port": 2525,
        "username": "flip",
        "password": "s3cret",
        "use_tls": False,
        "use_ssl": False,
        "timeout": 10,
    }


def test_it_uses_smtp_with_starttls_on_587_by_default_in_production():
    options = mailer_from_env(default="smtp", var_dir=VAR_DIR)["OPTIONS"]

    assert (options["host"], options["port"], options["use_tls"]) == ("localhost", 587, True)


def test_it_uses_port_465_for_implicit_tls(monkeypatch):
    monkeypatch.setenv("DJANGO_EMAIL_USE_TLS", "false")
    monkeypatch.setenv("DJANGO_EMAIL_USE_SSL", "true")

    options = mailer_from_env(default="smtp", var_dir=VAR_DIR)["OPTIONS"]

    assert (options["port"], options["use_ssl"]) == (465, True)


def test_it_refuses_both_kinds_of_tls_at_once(monkeypatch):
    monkeypatch.setenv("DJANGO_EMAIL_USE_SSL", "true")

    with pytest.raises(ImproperlyConfigured, match="only one of DJANGO_EMAIL_USE_TLS"):
        mailer_from_env(default="smtp", var_dir=VAR_DIR)


def test_it_writes_emails_to_files_under_var_unless_told_where(monkeypatch):
    monkeypatch.setenv("DJANGO_EMAIL_BACKEND", "file")
    assert mailer_from_env(default="console", var_dir=VAR_DIR)["OPTIONS"] == {
        "file_path": "/srv/flip/var/mail"
    }

    monkeypatch.setenv("DJANGO_EMAIL_FILE_PATH", "/tmp/flip-mail")
    assert mailer_from_env(default="console", var_dir=VAR_DIR)["OPTIONS"] == {
        "file_path": "/tmp/flip-mail"
    }


@pytest.mark.parametrize("value", ["locmem", "django.core.mail.backends.locmem.EmailBackend"])
def test_it_accepts_a_backend_by_name_or_by_its_path(monkeypatch, value):
    monkeypatch.setenv("DJANGO_EMAIL_BACKEND", value)

    mailer = mailer_from_env(default="console", var_dir=VAR_DIR)

    assert mailer["BACKEND"] == "django.core.mail.backends.locmem.EmailBackend"


def test_it_names_the_choices_for_a_backend_it_does_not_know(monkeypatch):
    monkeypatch.setenv("DJANGO_EMAIL_BACKEND", "sendgrid")

    with pytest.raises(ImproperlyConfigured) as refused:
        mailer_from_env(default="console", var_dir=VAR_DIR)

    assert str(refused.value) == (
        "DJANGO_EMAIL_BACKEND must be one of console, smtp, file, locmem, not 'sendgrid'."
    )


def test_it_refuses_to_start_with_a_misspelt_email_backend():
    result = import_settings(DJANGO_EMAIL_BACKEND="smpt")

    assert result.returncode != 0
    assert "DJANGO_EMAIL_BACKEND must be one of" in result.stderr


def test_it_refuses_a_port_it_cannot_read():
    result = import_settings(DJANGO_EMAIL_BACKEND="smtp", DJANGO_EMAIL_PORT="smtp")

    assert result.returncode != 0
    assert "DJANGO_EMAIL_PORT must be a whole number" in result.stderr
