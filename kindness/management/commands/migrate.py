"""Django's migrate, which first makes the SQLite database's folder (var/ on a fresh clone).

Every path to a new database runs migrate first: `make run`, deployments, and the test database
pytest-django creates. Importing the settings creates nothing.
"""

from pathlib import Path

from django.core.management.commands import migrate
from django.db import connections


class Command(migrate.Command):
    def execute(self, *args, **options):
        # Before the system checks, which open the database already.
        database = connections[options["database"]]
        name = database.settings_dict["NAME"]
        if database.vendor == "sqlite" and not database.creation.is_in_memory_db(name):
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        return super().execute(*args, **options)
