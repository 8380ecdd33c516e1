from django.conf import settings
from django.db import models
from django.utils import timezone


class ThanksDigest(models.Model):
    """One weekly thanks digest sent to a storyteller (stories.digests), written with its email.

    The unique (member, period) constraint is what makes "at most one a week" hold when two
    workers, or a command run twice, try to send the same week's digest.
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thanks_digests"
    )
    # The Monday of the week the digest was sent in.
    period = models.DateField()
    # Thanks given up to this moment are in this digest; the next one starts after it.
    covered_until = models.DateTimeField()
    sent_at = models.DateTimeField(default=timezone.now)
    thanks = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            # Also the index of "this member's latest digest" (ordered by period).
            models.UniqueConstraint(
                fields=["member", "period"], name="stories_thanksdigest_weekly"
            ),
        ]

    def __str__(self) -> str:
        return f"Thanks digest for {self.member_id}, week of {self.period}"
