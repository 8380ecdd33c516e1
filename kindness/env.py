"""Typed readers for settings that come from the environment.

Each helper fails loudly with ImproperlyConfigured on a value it cannot use, so a typo in a
deployment stops the site at start rather than running it with a surprising default.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str, *, base_dir: Path) -> dict:
    """Turn DATABASE_URL (sqlite:///path or postgres://user:pass@host:port/name) into a dict."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative/path.db is relative to the project; sqlite:////abs/path.db is absolute.
        raw_path = unquote(parts.path)[1:] if parts.path.startswith("/") else unquote(parts.path)
        path = Path(raw_path)
        if not path.is_absolute():
            path = base_dir / path
        return sqlite_database(path)
    if parts.scheme in {"postgres", "postgresql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(
                "DATABASE_URL must name a database, e.g. postgres://u:p@host/db."
            )
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        # No JIT compiling: the site's queries run in milliseconds, and at a million stories the
        # planner's estimate of search's never-run branches passed jit_above_cost, so compiling
        # took 250 ms of a 280 ms search. `?options=...` in the URL replaces this.
        options.setdefault("options", "-c jit=off")
        return {
            # Django's, with a health check that needs no round trip (kindness/postgresql).
            "ENGINE": "kindness.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {parts.scheme!r} is not supported; use sqlite:/// or postgres://."
    )


def sqlite_database(path: Path) -> dict:
    return {
        "ENGINE": "kindness.sqlite",
        "NAME": path,
        # Keep the connection between requests: opening SQLite and setting its pragmas costs more
        # than most of our queries.
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        # A file, not the in-memory default: concurrent tests then meet the same locking
        # (busy timeout, WAL) as the site does.
        "TEST": {"NAME": path.with_name(f"test_{path.name}")},
        "OPTIONS": {
            # WAL lets readers keep reading while one request writes; the timeout makes a second
            # writer wait for the first instead of failing with "database is locked"; IMMEDIATE
            # takes the write lock at BEGIN so a read-then-write transaction cannot deadlock.
            "init_command": ("PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


REDIS_SCHEMES = {"redis", "rediss", "unix"}


def env_redis_url(name: str) -> str:
    """A Redis address (redis://, rediss:// with TLS, unix://), or "" when unset."""
    url = os.environ.get(name, "").strip()
    if url and urlsplit(url).scheme not in REDIS_SCHEMES:
        raise ImproperlyConfigured(
            f"{name} must start with redis://, rediss:// or unix://, e.g. redis://127.0.0.1:6379/0."
        )
    return url
