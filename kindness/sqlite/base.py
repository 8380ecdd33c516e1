"""Django's SQLite backend, which makes the database file's folder when it first connects.

A fresh clone has no var/: whatever command opens the database first (migrate, check, runserver,
the test run) makes it then, and importing the settings creates nothing.
"""

from pathlib import Path

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        name = str(conn_params["database"])
        if not self.creation.is_in_memory_db(name):
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        return super().get_new_connection(conn_params)
