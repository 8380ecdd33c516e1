"""The site's settings plus the perf app, selected by scripts/bench and scripts/loadtest only."""

from kindness.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "perf"]  # noqa: F405
# The site's URLs plus the benchmark's floor page.
ROOT_URLCONF = "perf.urls"
