"""Numbers the database keeps for the readers' pages: list totals and the content version."""

from django.db import models


class StoryTallyQuerySet(models.QuerySet):
    def total(self, name: str) -> int:
        return self.filter(name=name).values_list("total", flat=True).first() or 0


class StoryTally(models.Model):
    """How many published stories one list holds, kept by database triggers (stories.tallies).

    Named "all", "practice:<id>", "setting:<value>" or "perspective:<value>".
    """

    # In byte order on PostgreSQL (migration 0024, "C" collation), as stories.tallies reads ranges
    # of names: a later AlterField of this column must keep it.
    name = models.CharField(max_length=60, primary_key=True)
    total = models.BigIntegerField(default=0)

    objects = StoryTallyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "story tallies"

    def __str__(self) -> str:
        return f"{self.name}: {self.total}"


class ContentVersion(models.Model):
    """One row whose number the database raises on every change readers could see.

    Triggers (stories.freshness) bump it in the same transaction as the change, so a cached page
    keyed by this number can never outlive a story being hidden, withdrawn or unpublished.
    """

    version = models.BigIntegerField(default=0)
    # Moved only by a change to a practice (stories.freshness), which moves `version` too: what
    # a page reads of the practices is kept under this number, so a publish does not make every
    # process read them again (stories.practice_choices).
    practices_version = models.BigIntegerField(default=0, db_default=0)

    def __str__(self) -> str:
        return str(self.version)


class TagListing(models.Model):
    """A published story under one of its free tags, kept by database triggers
    (stories.tag_lists), so a tag's list newest first is one seek of its index."""

    pk = models.CompositePrimaryKey("story", "tag_id")
    # Plain ids, no foreign keys: the triggers alone write here, and follow every delete.
    story = models.ForeignKey(
        "stories.Story",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        # The primary key (story, tag) serves the triggers' lookups by story.
        db_index=False,
        related_name="+",
    )
    tag_id = models.IntegerField()
    published_at = models.DateTimeField()

    # The story's id in this list's pages (stories.paging), where a Story list has its pk.
    list_id = "story_id"

    class Meta:
        indexes = [
            # /stories/?tag=..., newest first, and its bounded count.
            models.Index(fields=["tag_id", "-published_at", "-story"], name="taglisting_newest"),
        ]

    def __str__(self) -> str:
        return f"tag {self.tag_id}: story {self.story_id}"
