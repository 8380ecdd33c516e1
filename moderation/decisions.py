"""Every moderation decision as one function: a transaction, a conditional update, a history row.

The queue, the flag queue and the admin all call these, so a decision made anywhere is recorded,
emailed and guarded against a second moderator in exactly the same way.
"""

import difflib
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from moderation.models import Action, Decision, Flag, Reason
from moderation.notify import notify_author
from stories.lifecycle import apply_revision
from stories.models import RevisionStatus, Story, StoryRevision, StoryStatus

# How the refusal message says what the first person did.
DONE = {
    Action.APPROVE: "approved it",
    Action.REQUEST_CHANGES: "asked for changes",
    Action.REJECT: "rejected it",
    Action.APPROVE_EDIT: "approved the edit",
    Action.REQUEST_EDIT_CHANGES: "asked for changes to the edit",
    Action.REJECT_EDIT: "rejected the edit",
    Action.HIDE: "hid it",
    Action.KEEP: "kept it published",
    Action.UNPUBLISH: "unpublished it",
}


class AlreadyDecided(Exception):
    """Someone acted on this item first; the message says who, what and when."""

    def __init__(self, decision: Decision | None = None, *, message: str = ""):
        self.decision = decision
        if not message and decision is not None:
            who = decision.moderator.public_name if decision.moderator else "The community flags"
            when = timezone.localtime(decision.created_at).strftime("%-d %b %Y at %H:%M")
            message = f"This was already decided: {who} {DONE[decision.action]} on {when}."
        super().__init__(
            f"{message or 'Someone else has already acted on this.'} "
            "Nothing was changed by your decision."
        )


STALE_STORY = "The author sent a new version after you opened this page: read it and decide again."
STALE_EDIT = "The author changed this edit after you opened this page: read it and decide again."


class NoteRequired(ValueError):
    pass


@dataclass(frozen=True)
class Correction:
    title: str
    body: str


def _diff(before: Story, correction: Correction | None) -> str:
    if correction is None:
        return ""
    old = f"{before.title}\n\n{before.body}".splitlines()
    new = f"{correction.title}\n\n{correction.body}".splitlines()
    if old == new:
        return ""
    return "\n".join(difflib.unified_diff(old, new, "submitted", "corrected", lineterm="", n=1))


def _note_for_author(reason: str, note: str) -> str:
    """What the author reads on My stories: the reason in words, then the moderator's note."""
    return "\n".join(filter(None, [f"{Reason(reason).label}.", note.strip()]))


def _last_decision(story_id: int) -> Decision | None:
    return Decision.objects.filter(story_id=story_id).select_related("moderator").first()


def _record(*, story: Story, moderator, action: str, from_status: str, to_status: str, **extra):
    waited = timezone.now() - story.submitted_at if story.submitted_at else None
    return Decision.objects.create(
        story=story,
        story_title=story.title,
        moderator=moderator,
        action=action,
        from_status=from_status,
        to_status=to_status,
        waited=waited,
        **extra,
    )


@transaction.atomic
def decide_story(
    *,
    story: Story,
    moderator,
    action: str,
    submitted_at=None,
    reason: str = "",
    note: str = "",
    correction: Correction | None = None,
) -> Decision:
    """Approve, ask for changes to, or reject a submitted story.

    `submitted_at` is the submission the moderator read: if the author withdrew and resubmitted
    meanwhile, the decision is refused rather than applied to text nobody reviewed.
    """
    note = note.strip()
    if action == Action.REQUEST_CHANGES and not note:
        raise NoteRequired("Write a note telling the author what to change.")
    if action == Action.REJECT and reason not in Reason.values:
        raise NoteRequired("Choose a reason for rejecting the story.")
    targets = {
        Action.APPROVE: StoryStatus.PUBLISHED,
        Action.REQUEST_CHANGES: StoryStatus.CHANGES_REQUESTED,
        Action.REJECT: StoryStatus.REJECTED,
    }
    to_status = targets[action]
    now = timezone.now()
    changes = {"status": to_status, "updated_at": now}
    corrected = _diff(story, correction) if action == Action.APPROVE else ""
    if action == Action.APPROVE:
        changes["published_at"] = now
        changes["moderator_note"] = ""
        if corrected:
            changes["title"] = correction.title
            changes["body"] = correction.body
    elif action == Action.REQUEST_CHANGES:
        changes["moderator_note"] = note
    else:
        changes["moderator_note"] = _note_for_author(reason, note)

    guard = Story.objects.filter(pk=story.pk, status=StoryStatus.SUBMITTED)
    if submitted_at is not None:
        guard = guard.filter(submitted_at=submitted_at)
    # The conditional update is the lock: of two moderators, only one matches a submitted story.
    if guard.update(**changes) == 0:
        still_waiting = Story.objects.filter(pk=story.pk, status=StoryStatus.SUBMITTED).exists()
        if still_waiting:
            raise AlreadyDecided(message=STALE_STORY)
        raise AlreadyDecided(_last_decision(story.pk))

    story.refresh_from_db()
    decision = _record(
        story=story,
        moderator=moderator,
        action=action,
        from_status=StoryStatus.SUBMITTED,
        to_status=to_status,
        reason=reason,
        note=note,
        correction=corrected,
    )
    if corrected:
        story.refresh_fingerprint()
        Story.objects.filter(pk=story.pk).update(content_hash=story.content_hash)
    notify_author(story=story, decision=decision)
    return decision


@transaction.atomic
def decide_revision(
    *,
    revision: StoryRevision,
    moderator,
    action: str,
    reason: str = "",
    note: str = "",
    updated_at=None,
) -> Decision:
    """Approve, ask for changes to, or reject a pending edit of a published story."""
    note = note.strip()
    if action == Action.REQUEST_EDIT_CHANGES and not note:
        raise NoteRequired("Write a note telling the author what to change.")
    if action == Action.REJECT_EDIT and reason not in Reason.values:
        raise NoteRequired("Choose a reason for rejecting the edit.")
    targets = {
        Action.APPROVE_EDIT: RevisionStatus.APPROVED,
        Action.REQUEST_EDIT_CHANGES: RevisionStatus.CHANGES_REQUESTED,
        Action.REJECT_EDIT: RevisionStatus.REJECTED,
    }
    guard = StoryRevision.objects.filter(pk=revision.pk, status=RevisionStatus.PENDING)
    if updated_at is not None:
        guard = guard.filter(updated_at=updated_at)
    if guard.update(status=targets[action], decided_at=timezone.now()) == 0:
        if StoryRevision.objects.filter(pk=revision.pk, status=RevisionStatus.PENDING).exists():
            raise AlreadyDecided(message=STALE_EDIT)
        last = Decision.objects.filter(revision_id=revision.pk).select_related("moderator").first()
        raise AlreadyDecided(last)

    story = revision.story
    if action == Action.APPROVE_EDIT:
        revision.refresh_from_db()
        apply_revision(revision=revision)
        note_for_author = ""
    elif action == Action.REQUEST_EDIT_CHANGES:
        note_for_author = note
    else:
        note_for_author = _note_for_author(reason, note)
    Story.objects.filter(pk=story.pk).update(moderator_note=note_for_author)
    story.refresh_from_db()
    decision = _record(
        story=story,
        moderator=moderator,
        action=action,
        from_status="edit pending",
        to_status=f"edit {targets[action].label.lower()}",
        revision=revision,
        reason=reason,
        note=note,
    )
    notify_author(story=story, decision=decision)
    return decision


@transaction.atomic
def flag_story(*, story: Story, member, reason: str, note: str = "") -> tuple[Flag, bool]:
    """Record a member's flag; hide the story once enough flags are open. Returns (flag, hidden)."""
    # Lock the story so two flags arriving together count each other (READ COMMITTED would not).
    Story.objects.select_for_update().filter(pk=story.pk).first()
    flag = Flag.objects.create(story=story, member=member, reason=reason, note=note.strip())
    open_flags = Flag.objects.open().filter(story=story).count()
    if open_flags < settings.FLAGS_TO_HIDE:
        return flag, False
    hidden = Story.objects.filter(pk=story.pk, status=StoryStatus.PUBLISHED).update(
        status=StoryStatus.HIDDEN, updated_at=timezone.now()
    )
    if hidden:
        _record(
            story=story,
            moderator=None,
            action=Action.HIDE,
            from_status=StoryStatus.PUBLISHED,
            to_status=StoryStatus.HIDDEN,
            note=f"{open_flags} open flags.",
        )
    return flag, bool(hidden)


@transaction.atomic
def resolve_flags(
    *, story: Story, moderator, keep: bool, reason: str = "", note: str = ""
) -> Decision:
    """Keep the story published or unpublish it; either way its open flags are closed."""
    if not keep and reason not in Reason.values:
        raise NoteRequired("Choose a reason for unpublishing the story.")
    now = timezone.now()
    live = [StoryStatus.PUBLISHED, StoryStatus.HIDDEN]
    current = Story.objects.filter(pk=story.pk).values_list("status", flat=True).first()
    closed = Flag.objects.open().filter(story=story).update(resolved_at=now, resolved_by=moderator)
    if closed == 0 or current not in live:
        raise AlreadyDecided(_last_decision(story.pk))
    if keep:
        to_status = StoryStatus.PUBLISHED
        changes = {"status": to_status, "updated_at": now}
    else:
        to_status = StoryStatus.REJECTED
        changes = {
            "status": to_status,
            "updated_at": now,
            "moderator_note": _note_for_author(reason, note),
        }
    Story.objects.filter(pk=story.pk, status__in=live).update(**changes)
    story.refresh_from_db()
    decision = _record(
        story=story,
        moderator=moderator,
        action=Action.KEEP if keep else Action.UNPUBLISH,
        from_status=current,
        to_status=to_status,
        reason="" if keep else reason,
        note=note.strip(),
    )
    if not keep:
        notify_author(story=story, decision=decision)
    return decision
