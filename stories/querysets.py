"""The querysets of the stories app: where every reader-facing and moderation read starts."""

from django.db import models
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat

from stories.choices import (
    EDITABLE_STATUSES,
    LIVE_STATUSES,
    MODERATE,
    RESUBMITTABLE_REASONS,
    RevisionStatus,
    StoryStatus,
)
from stories.kept_models import StoryTally


class PracticeQuerySet(models.QuerySet):
    def with_story_counts(self) -> "PracticeQuerySet":
        """Each practice's published stories, read from the kept tally, never counted here."""
        tally = StoryTally.objects.filter(
            name=Concat(Value("practice:"), Cast(OuterRef("pk"), models.CharField()))
        ).values("total")[:1]
        return self.annotate(story_count=Coalesce(Subquery(tally), 0))


class StoryQuerySet(models.QuerySet):
    def published(self) -> "StoryQuerySet":
        """Every reader-facing view starts here, so an unpublished story cannot leak by accident."""
        return self.filter(status=StoryStatus.PUBLISHED)

    def listed(self) -> "StoryQuerySet":
        """Published stories with what a story card shows, in a fixed number of queries.

        A card shows no free tags, so none are fetched. Reader lists read their cards as values
        instead (stories.cards), several times cheaper in Python.
        """
        return self.published().select_related("author", "photo").prefetch_related("practices")

    def by_member(self, user) -> "StoryQuerySet":
        """A member's public page: never their anonymous stories."""
        return self.filter(author=user, is_anonymous=False)

    def visible_to(self, user) -> "StoryQuerySet":
        if not user.is_authenticated:
            return self.published()
        if user.has_perm(MODERATE):
            return self.filter(Q(author=user) | ~Q(status=StoryStatus.DRAFT))
        return self.filter(Q(status=StoryStatus.PUBLISHED) | Q(author=user))

    def editable(self) -> "StoryQuerySet":
        """Stories an author may still open for editing (the edit page looks only here)."""
        return self.filter(
            Q(status__in=EDITABLE_STATUSES)
            | Q(status=StoryStatus.REJECTED, rejected_for__in=RESUBMITTABLE_REASONS)
        )

    def awaiting_review(self) -> "StoryQuerySet":
        return self.filter(status=StoryStatus.SUBMITTED)

    def live(self) -> "StoryQuerySet":
        """Published, or hidden while its flags are reviewed: what flags and takedowns act on."""
        return self.filter(status__in=LIVE_STATUSES)

    def featured(self) -> "StoryQuerySet":
        """Published stories a moderator featured, newest feature first."""
        return self.published().filter(featured_at__isnull=False).order_by("-featured_at", "-id")

    def newest_first(self) -> "StoryQuerySet":
        """The one order of every published list: newest first, id breaking ties."""
        return self.order_by("-published_at", "-id")


class StoryRevisionQuerySet(models.QuerySet):
    def pending(self) -> "StoryRevisionQuerySet":
        return self.filter(status=RevisionStatus.PENDING)
