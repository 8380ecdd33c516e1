"""Every moderation decision as one function: a transaction, a conditional update, a history row.

The queue, the flag queue and the admin all call these, so a decision made anywhere is recorded,
emailed and guarded against a second moderator in exactly the same way. Members' flags come in
through `flag_story`, whose rules live here too.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from moderation import claims, flags
from moderation.diffs import Correction, correction_diff
from moderation.flags import (  # noqa: F401 (the flag errors are used as decisions.*)
    AlreadyFlagged,
    CannotFlagOwnStory,
    FlagNeedsNote,
    FlagRefused,
    NotFlaggable,
)
from moderation.models import (
    Action,
    Decision,
    DecisionStatus,
    Flag,
    FlagOutcome,
    FlagReason,
    Reason,
    edit_state,
)
from moderation.notify import notify_author, notify_flaggers
from moderation.seen import bound_to_text
from stories.choices import LIVE_STATUSES, RevisionStatus, StoryStatus
from stories.lifecycle import apply_revision
from stories.models import Story, StoryRevision

# What each decision makes of the story, or of the edit, it is about.
TARGETS = {
    Action.APPROVE: StoryStatus.PUBLISHED,
    Action.REQUEST_CHANGES: StoryStatus.CHANGES_REQUESTED,
    Action.REJECT: StoryStatus.REJECTED,
    Action.APPROVE_EDIT: RevisionStatus.APPROVED,
    Action.REQUEST_EDIT_CHANGES: RevisionStatus.CHANGES_REQUESTED,
    Action.REJECT_EDIT: RevisionStatus.REJECTED,
}
STORY_ACTIONS = (Action.APPROVE, Action.REQUEST_CHANGES, Action.REJECT)
EDIT_ACTIONS = (Action.APPROVE_EDIT, Action.REQUEST_EDIT_CHANGES, Action.REJECT_EDIT)
# The decisions the author cannot act on without a note, or without a reason.
ASKS_FOR_CHANGES = {Action.REQUEST_CHANGES, Action.REQUEST_EDIT_CHANGES}
NEEDS_A_REASON = {
    Action.REJECT: "Choose a reason for rejecting the story.",
    Action.REJECT_EDIT: "Choose a reason for rejecting the edit.",
    Action.UNPUBLISH: "Choose a reason for unpublishing the story.",
}

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
    Action.FEATURE: "featured it",
    Action.UNFEATURE: "took it off the featured stories",
}


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%-d %b %Y at %H:%M")


class AlreadyDecided(Exception):
    """Someone acted on this item first; the message says who, what and when."""

    def __init__(self, decision: Decision | None = None, *, message: str = ""):
        self.decision = decision
        if not message and decision is not None:
            who = decision.moderator.public_name if decision.moderator else "The community flags"
            message = (
                f"This was already decided: {who} {DONE[decision.action]} "
                f"on {_when(decision.created_at)}."
            )
        super().__init__(
            f"{message or 'Someone else has already acted on this.'} "
            "Nothing was changed by your decision."
        )


STALE_STORY = "The author sent a new version after you opened this page: read it and decide again."
TEXT_CHANGED = "The story's text changed after you opened this page: read it and decide again."
STALE_EDIT = "The author changed this edit after you opened this page: read it and decide again."
NOTHING_LEFT = "so there is nothing left to decide."
TAKEN_BACK = f"The author took this story back to work on it, {NOTHING_LEFT}"
DELETED = f"The author deleted this story while you were reading it, {NOTHING_LEFT}"


class TextChanged(AlreadyDecided):
    """The text waiting for review is not the text the moderator was shown."""


class NoteRequired(ValueError):
    """A decision is missing what the author needs: a note for changes, a reason for a no.

    `field` names the form field that should carry the message.
    """

    def __init__(self, message: str, *, field: str = "note"):
        self.field = field
        super().__init__(message)


def check_decision(*, action: str, reason: str = "", note: str = "") -> None:
    """The rules every decision shares, on stories, edits and flags alike."""
    if action in ASKS_FOR_CHANGES and not note.strip():
        raise NoteRequired("Write a note telling the author what to change.", field="note")
    if action in NEEDS_A_REASON and reason not in Reason.values:
        raise NoteRequired(NEEDS_A_REASON[action], field="reason")


def _note_for_author(reason: str, note: str) -> str:
    """What the author reads on My stories: the reason in words, then the moderator's note."""
    return "\n".join(filter(None, [f"{Reason(reason).label}.", note.strip()]))


def _last_decision(**lookup) -> Decision | None:
    return Decision.objects.filter(**lookup).select_related("moderator").first()


def _story_refusal(story_id: int) -> AlreadyDecided:
    """Why a decision on this story matched nothing, told as it happened."""
    story = Story.objects.filter(pk=story_id).only("status", "updated_at").first()
    if story is None:
        return AlreadyDecided(message=f"The author deleted this story, {NOTHING_LEFT}")
    if story.status == StoryStatus.WITHDRAWN:
        return AlreadyDecided(
            message=f"The author withdrew this story on {_when(story.updated_at)}, {NOTHING_LEFT}"
        )
    if story.status == StoryStatus.DRAFT:
        return AlreadyDecided(message=TAKEN_BACK)
    return AlreadyDecided(_last_decision(story_id=story_id))


def _edit_refusal(revision_id: int) -> AlreadyDecided:
    revision = StoryRevision.objects.filter(pk=revision_id).select_related("story").first()
    if revision is not None and revision.status == RevisionStatus.WITHDRAWN:
        when = _when(revision.decided_at or revision.updated_at)
        if revision.story.status == StoryStatus.WITHDRAWN:
            withdrew = f"The author withdrew the story, and this edit with it, on {when}"
        else:
            withdrew = f"The author withdrew this edit on {when}"
        return AlreadyDecided(message=f"{withdrew}, {NOTHING_LEFT}")
    return AlreadyDecided(_last_decision(revision_id=revision_id))


def record_decision(
    *, story: Story, moderator, action: str, from_status: str, to_status: str, **extra
):
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
    seen_fingerprint: str = "",
) -> Decision:
    """Approve, ask for changes to, or reject a submitted story.

    `submitted_at` is the submission the moderator read: if the author withdrew and resubmitted
    meanwhile, the decision is refused rather than applied to text nobody reviewed.
    `seen_fingerprint` (moderation.seen.text_fingerprint) binds it to the exact text shown.
    """
    if action not in STORY_ACTIONS:
        raise ValueError(f"{action!r} is not a decision on a story.")
    check_decision(action=action, reason=reason, note=note)
    note = note.strip()
    to_status = TARGETS[action]
    now = timezone.now()
    changes = {"status": to_status, "updated_at": now}
    corrected = correction_diff(story, correction) if action == Action.APPROVE else ""
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
        changes["rejected_for"] = reason

    guard = Story.objects.awaiting_review().filter(pk=story.pk)
    if submitted_at is not None:
        guard = guard.filter(submitted_at=submitted_at)
    if seen_fingerprint:
        guard = bound_to_text(guard, story_id=story.pk, seen_fingerprint=seen_fingerprint)
    # The conditional update is the lock: of two moderators, only one matches a submitted story.
    if guard.update(**changes) == 0:
        waiting = Story.objects.awaiting_review().filter(pk=story.pk).values_list("submitted_at")
        if not waiting:
            raise _story_refusal(story.pk)
        if seen_fingerprint and submitted_at in (None, waiting[0][0]):
            raise TextChanged(message=TEXT_CHANGED)
        raise AlreadyDecided(message=STALE_STORY)
    claims.release(story=story)

    story.refresh_from_db()
    decision = record_decision(
        story=story,
        moderator=moderator,
        action=action,
        from_status=DecisionStatus.SUBMITTED,
        to_status=DecisionStatus(to_status),
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
    if action not in EDIT_ACTIONS:
        raise ValueError(f"{action!r} is not a decision on an edit.")
    check_decision(action=action, reason=reason, note=note)
    note = note.strip()
    to_status = TARGETS[action]
    guard = StoryRevision.objects.pending().filter(pk=revision.pk)
    if updated_at is not None:
        guard = guard.filter(updated_at=updated_at)
    if guard.update(status=to_status, decided_at=timezone.now()) == 0:
        if StoryRevision.objects.pending().filter(pk=revision.pk).exists():
            raise AlreadyDecided(message=STALE_EDIT)
        raise _edit_refusal(revision.pk)
    claims.release(story=revision.story, revision=revision)

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
    decision = record_decision(
        story=story,
        moderator=moderator,
        action=action,
        from_status=edit_state(RevisionStatus.PENDING),
        to_status=edit_state(to_status),
        revision=revision,
        reason=reason,
        note=note,
    )
    notify_author(story=story, decision=decision)
    return decision


@transaction.atomic
def flag_story(*, story: Story, member, reason: str, note: str = "") -> tuple[Flag, bool]:
    """Record a member's flag; hide the story once enough flags that count are open.

    Returns (flag, hidden). Raises a FlagRefused error (moderation.flags) for the member's own
    story, an account not yet trusted to flag, a second flag, a story that is not published,
    "Something else" without a note, or a member over the daily limit.
    """
    if story.author_id == member.pk:
        raise CannotFlagOwnStory()
    flags.refuse_untrusted(member)
    note = note.strip()
    if reason == FlagReason.OTHER and not note:
        raise FlagNeedsNote()
    # Lock the story so two flags arriving together count each other (READ COMMITTED would not),
    # and so one member's double clicks queue up here and find their first flag.
    status = Story.objects.select_for_update().filter(pk=story.pk).values_list("status").first()
    if status is None or status[0] != StoryStatus.PUBLISHED:
        raise NotFlaggable()
    if Flag.objects.filter(story=story, member=member).exists():
        raise AlreadyFlagged()
    # Lock the member too, so their simultaneous flags on different stories count each other.
    get_user_model().objects.select_for_update().filter(pk=member.pk).first()
    flags.refuse_over_daily_limit(member)
    try:
        with transaction.atomic():
            flag = Flag.objects.create(story=story, member=member, reason=reason, note=note)
    except IntegrityError as error:
        # moderation_flag_once, the last guard: another request of this member got there first.
        if Flag.objects.filter(story=story, member=member).exists():
            raise AlreadyFlagged() from error
        raise
    counting = flags.counting_flags(story)
    if counting < settings.FLAGS_TO_HIDE:
        return flag, False
    hidden = (
        Story.objects.published()
        .filter(pk=story.pk)
        .update(status=StoryStatus.HIDDEN, updated_at=timezone.now())
    )
    if hidden:
        story.refresh_from_db()
        decision = record_decision(
            story=story,
            moderator=None,
            action=Action.HIDE,
            from_status=DecisionStatus.PUBLISHED,
            to_status=DecisionStatus.HIDDEN,
            note=f"{counting} open flags.",
        )
        notify_author(story=story, decision=decision)
    return flag, bool(hidden)


@transaction.atomic
def resolve_flags(
    *, story: Story, moderator, keep: bool, reason: str = "", note: str = ""
) -> Decision:
    """Keep the story published or unpublish it; either way its open flags are closed."""
    action = Action.KEEP if keep else Action.UNPUBLISH
    check_decision(action=action, reason=reason, note=note)
    now = timezone.now()
    current = Story.objects.filter(pk=story.pk).values_list("status", flat=True).first()
    if current not in LIVE_STATUSES:
        raise _story_refusal(story.pk)
    # Closing the open flags is the lock: of two moderators, only one closes any.
    outcome = FlagOutcome.DISMISSED if keep else FlagOutcome.UPHELD
    closed = (
        Flag.objects.open()
        .filter(story=story)
        .update(resolved_at=now, resolved_by=moderator, outcome=outcome)
    )
    if closed == 0:
        raise AlreadyDecided(_last_decision(story_id=story.pk))
    to_status = StoryStatus.PUBLISHED if keep else StoryStatus.REJECTED
    changes = {"status": to_status, "updated_at": now}
    if not keep:
        changes["moderator_note"] = _note_for_author(reason, note)
        changes["rejected_for"] = reason
    if Story.objects.live().filter(pk=story.pk).update(**changes) == 0:
        # The author withdrew it between our first look and now; the flags stay as they were.
        raise _story_refusal(story.pk)
    story.refresh_from_db()
    decision = record_decision(
        story=story,
        moderator=moderator,
        action=action,
        from_status=DecisionStatus(current),
        to_status=DecisionStatus(to_status),
        reason="" if keep else reason,
        note=note.strip(),
    )
    notify_author(story=story, decision=decision)
    closed_flags = Flag.objects.filter(story=story, resolved_at=now, resolved_by=moderator)
    notify_flaggers(story=story, decision=decision, flags=closed_flags.select_related("member"))
    return decision
