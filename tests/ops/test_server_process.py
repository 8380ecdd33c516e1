"""A server process once it has loaded the site (kindness.wsgi), in a process of its own: what
it does to the collector would otherwise stay with the test run."""

import subprocess
import sys

from django.conf import settings


def test_a_server_process_keeps_what_it_loaded_out_of_every_full_collection():
    loaded = subprocess.run(
        [sys.executable, "-c", "import gc, kindness.wsgi; print(gc.get_freeze_count())"],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )

    # The site's modules, classes and functions: tens of thousands of objects.
    assert int(loaded.stdout) > 10_000
