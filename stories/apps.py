from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_database_extras(using: str = "default", **kwargs) -> None:
    """Search index and content-version triggers: re-created after every migrate if missing."""
    from django.db import connections

    from stories import freshness, search

    search.install(connections[using])
    freshness.install(connections[using])


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Stories"

    def ready(self) -> None:
        post_migrate.connect(_ensure_database_extras, sender=self)
