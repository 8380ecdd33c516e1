"""What a member does with their own stories: save a draft, preview, submit, edit, withdraw, delete.

Each action is one function with keyword-only arguments, in one transaction, that raises a
`stories.errors.StoryError` the author can read when a rule says no. Views, the demo data, the
admin and the shell all call these, so each rule lives here once; the database constraints
behind them are the last guard, and their IntegrityError becomes the same domain error.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from stories.choices import LIVE_STATUSES, WITHDRAWABLE_STATUSES
from stories.errors import (
    CannotDelete,
    CannotWithdraw,
    DailyLimitReached,
    Incomplete,
    MemberSuspended,
    NotEditable,
)
from stories.models import (
    Practice,
    RevisionStatus,
    Story,
    StoryPhoto,
    StoryRevision,
    StoryStatus,
    fingerprint,
)


@dataclass(frozen=True, kw_only=True)
class StoryContent:
    """What an author wrote: the same fields whether it becomes a draft, a story or an edit."""

    title: str
    body: str = ""
    perspective: str = ""
    setting: str = ""
    practices: list[Practice] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    photo: StoryPhoto | None = None
    photo_alt: str = ""
    is_anonymous: bool = False
    # The pledge (pledges.Pledge) the story answers; None leaves the story's link as it is.
    pledge: object | None = None

    def missing(self) -> str:
        """What a story sent for review still lacks, in words; empty when it is complete."""
        needed = {
            "the story itself": self.body.strip(),
            "where you were in it": self.perspective,
            "where it happened": self.setting,
            "a practice it shows": self.practices,
            "a description of the photo": self.photo_alt.strip() or not self.photo,
        }
        return ", ".join(what for what, present in needed.items() if not present)


@dataclass(frozen=True)
class Outcome:
    story: Story
    message: str


SENT = "Thank you! Your story is waiting for a moderator. We will email you when it is read."
DRAFT_SAVED = "Draft saved. Only you can see it; come back any time to finish it."
EDIT_SENT = (
    "Your edit is waiting for a moderator. The published version stays up until it is approved."
)
WITHDRAW_FIRST = "Withdraw a published story before deleting it."
ALREADY_RECEIVED = "We already have this story, so it was not sent twice. It is listed below."


@transaction.atomic
def save_draft(*, author, content: StoryContent, story: Story | None = None) -> Outcome:
    """Keep unfinished work where only the author sees it.

    A published story is never turned back into a draft: its edit is sent for review instead.
    """
    story = _story_to_change(author=author, story=story, content=content)
    if story.is_published:
        return _send_edit_for_review(story=story, content=content)
    _write(story, content, status=StoryStatus.DRAFT)
    return Outcome(story, DRAFT_SAVED)


@transaction.atomic
def submit_story(*, author, content: StoryContent, story: Story | None = None) -> Outcome:
    """Send a new story, a draft or a changed story for review; an edit of a live one waits too.

    A resubmitted story keeps its first submission time, so it keeps its place in the queue.
    """
    story = _story_to_change(author=author, story=story, content=content)
    if missing := content.missing():
        raise Incomplete(f"A story sent for review needs {missing}.")
    if story.is_published:
        return _send_edit_for_review(story=story, content=content)
    _refuse_over_daily_limit(author=author, story=story)
    story.content_hash = fingerprint(content.title, content.body)
    if duplicate := _same_story_already_sent(story):
        return Outcome(duplicate, ALREADY_RECEIVED)
    now = timezone.now()
    story.submitted_at = now
    story.first_submitted_at = story.first_submitted_at or now
    try:
        with transaction.atomic():
            _write(story, content, status=StoryStatus.SUBMITTED)
    except IntegrityError:
        # A double click: the other request saved the same story first (the database's
        # stories_story_no_duplicate_submission constraint refused this one).
        duplicate = _same_story_already_sent(story)
        if duplicate is None:
            raise
        return Outcome(duplicate, ALREADY_RECEIVED)
    return Outcome(story, SENT)


@dataclass(frozen=True)
class Preview:
    """A story as readers would see it, built from what the author typed; nothing is saved."""

    title: str
    body: str
    perspective: str
    setting: str
    practices: list[Practice]
    tags: list[str]
    photo: StoryPhoto | None
    photo_alt: str
    byline: str


def preview_story(*, author, content: StoryContent) -> Preview:
    return Preview(
        title=content.title,
        body=content.body,
        perspective=Story.Perspective(content.perspective).label if content.perspective else "",
        setting=Story.Setting(content.setting).label if content.setting else "",
        practices=list(content.practices),
        tags=list(content.tags),
        photo=content.photo,
        photo_alt=content.photo_alt,
        byline="Anonymous" if content.is_anonymous else author.public_name,
    )


@transaction.atomic
def withdraw_story(*, story: Story) -> Outcome:
    """Take a story out of review or off the site; its pending edit goes with it."""
    current = Story.objects.filter(pk=story.pk).values_list("status", flat=True).first()
    if current not in WITHDRAWABLE_STATUSES:
        raise CannotWithdraw("That story can no longer be withdrawn.")
    now = timezone.now()
    # Conditional on the status just read: a moderator acting meanwhile makes this match nothing.
    if not Story.objects.filter(pk=story.pk, status=current).update(
        status=StoryStatus.WITHDRAWN, updated_at=now
    ):
        raise CannotWithdraw("That story can no longer be withdrawn.")
    story.revisions.pending().update(status=RevisionStatus.WITHDRAWN, decided_at=now)
    story.refresh_from_db()
    if current == StoryStatus.SUBMITTED:
        after = "It is out of the review queue; you can edit it and send it again."
    elif current == StoryStatus.HIDDEN:
        after = "It stays off the site; you can edit it and send it for review again."
    else:
        after = "Readers can no longer see it."
    return Outcome(story, f"“{story.title}” is withdrawn. {after}")


@transaction.atomic
def delete_story(*, story: Story) -> str:
    """Delete a story for good; returns its title. A live story must be withdrawn first.

    Its photo is left to `purge_unused_photos`, which removes uploads no story uses.
    """
    # Conditional, like Story.can_be_deleted(): a story published meanwhile is not deleted.
    deleted, _ = Story.objects.filter(pk=story.pk).exclude(status__in=LIVE_STATUSES).delete()
    if not deleted:
        raise CannotDelete(WITHDRAW_FIRST)
    return story.title


@transaction.atomic
def apply_revision(*, revision: StoryRevision) -> Story:
    """Make an approved edit the published version (called by moderation)."""
    story = revision.story
    story.title = revision.title
    story.body = revision.body
    story.perspective = revision.perspective
    story.setting = revision.setting
    story.photo = revision.photo
    story.photo_alt = revision.photo_alt
    story.is_anonymous = revision.is_anonymous
    story.refresh_fingerprint()
    story.save()
    story.practices.set(list(Practice.objects.filter(slug__in=revision.practice_slugs)))
    story.tags.set(revision.tag_names)
    StoryRevision.objects.filter(pk=revision.pk).update(
        status=RevisionStatus.APPROVED, decided_at=timezone.now()
    )
    return story


def suspended_because(member) -> str:
    """Why a suspended member may not share, edit or thank, in a sentence; empty otherwise."""
    # moderation.models.Suspension, reached by its relation: stories never imports moderation.
    suspension = member.suspensions.active().first()
    if suspension is None:
        return ""
    return (
        f"Your account is suspended {suspension.period}: you can read stories, "
        "but not share, edit, report or thank them."
    )


def refuse_if_suspended(member) -> None:
    if reason := suspended_because(member):
        raise MemberSuspended(reason)


def _story_to_change(*, author, story: Story | None, content: StoryContent) -> Story:
    """A new story, or the author's own one read afresh and locked while it changes."""
    refuse_if_suspended(author)
    if content.photo is not None and content.photo.owner_id != author.pk:
        raise NotEditable("That photo belongs to someone else; choose one of your own.")
    if content.pledge is not None and content.pledge.member_id != author.pk:
        raise NotEditable("That pledge is someone else's; a story can only answer your own.")
    if story is None or story.pk is None:
        return Story(author=author)
    # Locked and re-read: the author's copy may be stale (flags may have hidden it since).
    current = Story.objects.select_for_update().filter(pk=story.pk, author=author).first()
    if current is None or not current.can_be_edited():
        raise NotEditable("This story can no longer be changed. My stories shows where it is.")
    return current


def _write(story: Story, content: StoryContent, *, status: str) -> None:
    story.status = status
    # A rejected story sent again (or saved as a draft) is no longer rejected for anything.
    story.rejected_for = None
    story.title = content.title
    story.body = content.body
    story.perspective = content.perspective
    story.setting = content.setting
    story.photo = content.photo
    story.photo_alt = content.photo_alt if content.photo else ""
    story.is_anonymous = content.is_anonymous
    if content.pledge is not None:
        story.pledge = content.pledge
    story.refresh_fingerprint()
    story.save()
    story.practices.set(list(content.practices))
    story.tags.set(list(content.tags))


def _send_edit_for_review(*, story: Story, content: StoryContent) -> Outcome:
    """Hold an edit of a published story apart, while the published text stays up."""
    StoryRevision.objects.update_or_create(
        story=story,
        status=RevisionStatus.PENDING,
        defaults={
            "title": content.title,
            "body": content.body,
            "perspective": content.perspective,
            "setting": content.setting,
            "practice_slugs": [practice.slug for practice in content.practices],
            "tag_names": list(content.tags),
            "photo": content.photo,
            "photo_alt": content.photo_alt if content.photo else "",
            "is_anonymous": content.is_anonymous,
        },
    )
    return Outcome(story, EDIT_SENT)


def _refuse_over_daily_limit(*, author, story: Story) -> None:
    # Lock the author so simultaneous submissions count each other (READ COMMITTED would not).
    get_user_model().objects.select_for_update().filter(pk=author.pk).first()
    since = timezone.now() - timedelta(days=1)
    recent = Story.objects.filter(author=author, submitted_at__gte=since).exclude(pk=story.pk)
    limit = settings.STORIES_PER_DAY
    if recent.count() >= limit:
        raise DailyLimitReached(
            f"You have sent {limit} stories for review in the last 24 hours, which is the "
            "daily limit. Save this one as a draft and submit it tomorrow; nothing is lost."
        )


def _same_story_already_sent(story: Story) -> Story | None:
    return (
        Story.objects.filter(
            author=story.author,
            content_hash=story.content_hash,
            status__in=[StoryStatus.SUBMITTED, StoryStatus.PUBLISHED],
        )
        .exclude(pk=story.pk)
        .first()
    )
