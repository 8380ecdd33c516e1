"""An author's answer to a moderator's request for changes: kept with the story's history.

Defined apart from moderation/models.py to keep each module readable; imported there.
"""

from django.db import models
from django.utils import timezone

from moderation.models import AppendOnlyRecord, Decision
from stories.models import Story

REPLY_MAX_LENGTH = 2000


class AuthorReply(AppendOnlyRecord):
    """What the author wrote back to a request for changes; emailed to nobody, read on review.

    No link to the member: the story's author wrote it (moderation.replies checks), so when a
    member leaves and keeps their stories as "Anonymous", nothing here points back at them.
    """

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="author_replies")
    # The request it answers; kept readable if that history row's story is deleted.
    decision = models.ForeignKey(
        Decision, null=True, on_delete=models.SET_NULL, related_name="author_replies"
    )
    body = models.TextField(max_length=REPLY_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "author replies"
        indexes = [
            # The review page's sidebar and the author's reply page: one story's replies.
            models.Index(fields=["story", "-created_at"], name="authorreply_story_created"),
        ]

    def __str__(self) -> str:
        return f"Reply on {self.story_id} at {self.created_at:%Y-%m-%d %H:%M}"
