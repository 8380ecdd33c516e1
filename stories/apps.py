from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_search_index(using: str = "default", **kwargs) -> None:
    from django.db import connections

    from stories import search

    search.install(connections[using])


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Stories"

    def ready(self) -> None:
        post_migrate.connect(_ensure_search_index, sender=self)
