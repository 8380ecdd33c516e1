"""The email backend, chosen by name in the environment (DJANGO_EMAIL_BACKEND)."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from kindness.env import env_bool, env_int, env_str

BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}


def mailer_from_env(*, default: str, var_dir: Path) -> dict:
    """MAILERS["default"]: console, smtp (host, port, user, password, TLS), file or locmem."""
    raw = env_str("DJANGO_EMAIL_BACKEND", default).strip()
    # The full dotted path of one of the four is accepted too, as older settings used it.
    name = next((key for key, path in BACKENDS.items() if raw in (key, path)), None)
    if name is None:
        raise ImproperlyConfigured(
            f"DJANGO_EMAIL_BACKEND must be one of {', '.join(BACKENDS)}, not {raw!r}."
        )
    mailer = {"BACKEND": BACKENDS[name], "OPTIONS": {}}
    if name == "smtp":
        use_tls = env_bool("DJANGO_EMAIL_USE_TLS", True)
        use_ssl = env_bool("DJANGO_EMAIL_USE_SSL", False)
        if use_tls and use_ssl:
            raise ImproperlyConfigured(
                "Set only one of DJANGO_EMAIL_USE_TLS (STARTTLS, port 587) and "
                "DJANGO_EMAIL_USE_SSL (implicit TLS, port 465)."
            )
        mailer["OPTIONS"] = {
            "host": env_str("DJANGO_EMAIL_HOST", "localhost"),
            "port": env_int("DJANGO_EMAIL_PORT", 465 if use_ssl else 587, minimum=1),
            "username": env_str("DJANGO_EMAIL_HOST_USER"),
            "password": env_str("DJANGO_EMAIL_HOST_PASSWORD"),
            "use_tls": use_tls,
            "use_ssl": use_ssl,
            "timeout": env_int("DJANGO_EMAIL_TIMEOUT", 10, minimum=1),
        }
    elif name == "file":
        path = env_str("DJANGO_EMAIL_FILE_PATH", str(var_dir / "mail")).strip()
        if not path:
            raise ImproperlyConfigured("DJANGO_EMAIL_FILE_PATH must name a folder for the emails.")
        mailer["OPTIONS"] = {"file_path": path}
    return mailer
