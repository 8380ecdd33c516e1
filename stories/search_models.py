"""The search change log's table (stories.search_log)."""

from django.db import models


class SearchChange(models.Model):
    """One story whose place in a search may have changed: its text, status, date, setting, point
    of view or practices. Written by database triggers (stories.search_log), read by the kept
    searches (stories.search_kept) from the position they were made at; the id is the position.

    story_id is no foreign key: a deleted story is logged too, after its row is gone.
    """

    id = models.BigAutoField(primary_key=True)
    story_id = models.BigIntegerField()

    def __str__(self) -> str:
        return f"{self.pk}: story {self.story_id}"
