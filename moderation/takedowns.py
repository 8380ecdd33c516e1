"""Requests from people a story is about, and messages from the contact page.

Anyone may send one, without an account. A moderator answers each once: a redaction, an
unpublication, a refusal, or a reply. The answer is a conditional update on an open request (of two
moderators, only one matches), recorded in the same transaction, its email queued in it (outbox).
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from moderation import claims
from moderation.decisions import AlreadyDecided, record_decision
from moderation.diffs import Correction, correction_diff
from moderation.models import (
    Action,
    DecisionStatus,
    Reason,
    TakedownAsk,
    TakedownKind,
    TakedownOutcome,
    TakedownRequest,
    edit_state,
)
from moderation.notify import notify_author
from outbox.delivery import queue_email
from stories.choices import RevisionStatus, StoryStatus
from stories.models import Story, StoryRevision

# An edit written before a redaction still holds the redacted words, so it can never go live.
EDIT_BEFORE_REDACTION = (
    "A moderator removed details from the published story at the request of someone in it, "
    "after you wrote this edit. Please edit the story again, starting from its published text."
)
OPEN_EDIT_STATUSES = (RevisionStatus.PENDING, RevisionStatus.CHANGES_REQUESTED)

# Requests one email address may send in a day: enough for a person, too few to flood the queue.
REQUESTS_PER_DAY = 3


class TakedownRefused(Exception):
    """A request that cannot be taken; the message tells the sender why."""


class TooManyRequests(TakedownRefused):
    def __init__(self):
        super().__init__(
            f"This email address has already sent {REQUESTS_PER_DAY} requests today. "
            "Please try again tomorrow; the moderators are reading the ones you sent."
        )


class AlreadyRequested(TakedownRefused):
    def __init__(self):
        super().__init__(
            "You have already asked about this story and the moderators have not answered yet. "
            "They will write to you."
        )


class NotPublished(TakedownRefused):
    def __init__(self):
        super().__init__("This story is no longer published, so there is nothing to take down.")


class NeedsDetails(ValueError):
    """A request to remove details that does not say which."""


def _over_the_limit(email: str) -> bool:
    since = timezone.now() - timedelta(days=1)
    recent = TakedownRequest.objects.filter(email__iexact=email, created_at__gte=since)
    return recent.count() >= REQUESTS_PER_DAY


@transaction.atomic
def request_takedown(
    *, story: Story, identifies: str, asks: str, details: str = "", email: str
) -> TakedownRequest:
    """Take a request from someone a published story is about."""
    email = email.strip()
    if asks not in (TakedownAsk.REMOVE_STORY, TakedownAsk.REMOVE_DETAILS):
        raise ValueError(f"{asks!r} is not something a takedown request asks.")
    if asks == TakedownAsk.REMOVE_DETAILS and not details.strip():
        raise NeedsDetails("Tell us which details to remove.")
    # Lock the story so one address's double clicks queue up here and find their first request.
    if not Story.objects.published().select_for_update().filter(pk=story.pk).exists():
        raise NotPublished()
    if TakedownRequest.objects.open().filter(story=story, email__iexact=email).exists():
        raise AlreadyRequested()
    if _over_the_limit(email):
        raise TooManyRequests()
    try:
        with transaction.atomic():
            return TakedownRequest.objects.create(
                story=story,
                story_title=story.title,
                kind=TakedownKind.TAKEDOWN,
                identifies=identifies.strip(),
                asks=asks,
                details=details.strip(),
                email=email,
            )
    except IntegrityError as error:
        # moderation_takedown_one_open_per_story, the last guard against a simultaneous twin.
        raise AlreadyRequested() from error


@transaction.atomic
def send_contact(*, message: str, email: str) -> TakedownRequest:
    """Take a message from the contact page."""
    email = email.strip()
    if _over_the_limit(email):
        raise TooManyRequests()
    return TakedownRequest.objects.create(
        kind=TakedownKind.CONTACT, asks=TakedownAsk.MESSAGE, details=message.strip(), email=email
    )


def _close(request: TakedownRequest, *, moderator, outcome: str, note: str) -> TakedownRequest:
    """Close an open request once; a second moderator is told who was first."""
    now = timezone.now()
    closed = (
        TakedownRequest.objects.open()
        .filter(pk=request.pk)
        .update(decided_at=now, outcome=outcome, decided_by=moderator, note=note.strip())
    )
    if closed == 0:
        raise _already_closed(request.pk)
    request.refresh_from_db()
    _email_outcome(request)
    return request


def _already_closed(pk: int) -> AlreadyDecided:
    done = TakedownRequest.objects.filter(pk=pk).select_related("decided_by").first()
    if done is None or done.decided_at is None:
        return AlreadyDecided()
    who = done.decided_by.public_name if done.decided_by else "Another moderator"
    when = timezone.localtime(done.decided_at).strftime("%-d %b %Y at %H:%M")
    return AlreadyDecided(
        message=f"This request was already answered: {who} chose “{done.get_outcome_display()}” "
        f"on {when}."
    )


def _email_outcome(request: TakedownRequest) -> None:
    context = {"request": request, "site_url": settings.SITE_URL}
    subject = (
        "Re: your message" if request.kind == TakedownKind.CONTACT else "Your request about a story"
    )
    message = EmailMessage(
        subject=f"[Flip the Counter] {subject}",
        body=render_to_string("moderation/email/takedown_outcome.txt", context),
        to=[request.email],
    )
    queue_email(message)


def _takedown_story(request: TakedownRequest) -> Story:
    if request.kind != TakedownKind.TAKEDOWN or request.story_id is None:
        raise ValueError("Only a request about a story can change the story.")
    return request.story


@transaction.atomic
def redact_story(
    *, request: TakedownRequest, moderator, correction: Correction, note: str = ""
) -> TakedownRequest:
    """Edit the published story in place, record the diff in its history, answer the sender."""
    story = _takedown_story(request)
    _close(request, moderator=moderator, outcome=TakedownOutcome.REDACTED, note=note)
    story.refresh_from_db()
    corrected = correction_diff(story, correction)
    changed = (
        Story.objects.published()
        .filter(pk=story.pk)
        .update(title=correction.title, body=correction.body, updated_at=timezone.now())
    )
    if changed == 0:
        raise AlreadyDecided(message="The story is no longer published, so it cannot be redacted.")
    before_title = story.title
    story.refresh_from_db()
    story.refresh_fingerprint()
    Story.objects.filter(pk=story.pk).update(content_hash=story.content_hash)
    record_decision(
        story=story,
        moderator=moderator,
        action=Action.REDACT,
        from_status=DecisionStatus.PUBLISHED,
        to_status=DecisionStatus.PUBLISHED,
        reason=Reason.IDENTIFIES_PERSON,
        note=f"Takedown request #{request.pk} about “{before_title}”.",
        correction=corrected,
    )
    _close_edits_written_before(story, moderator=moderator)
    return request


def _close_edits_written_before(story: Story, *, moderator) -> None:
    open_edits = StoryRevision.objects.select_for_update().filter(
        story=story, status__in=OPEN_EDIT_STATUSES
    )
    for revision in open_edits:
        StoryRevision.objects.filter(pk=revision.pk).update(
            status=RevisionStatus.REJECTED, decided_at=timezone.now()
        )
        claims.release(story=story, revision=revision)
        decision = record_decision(
            story=story,
            moderator=moderator,
            action=Action.REJECT_EDIT,
            from_status=edit_state(revision.status),
            to_status=edit_state(RevisionStatus.REJECTED),
            revision=revision,
            reason=Reason.IDENTIFIES_PERSON,
            note=EDIT_BEFORE_REDACTION,
        )
        Story.objects.filter(pk=story.pk).update(moderator_note=EDIT_BEFORE_REDACTION)
        notify_author(story=story, decision=decision)


@transaction.atomic
def unpublish_for_takedown(
    *, request: TakedownRequest, moderator, note: str = ""
) -> TakedownRequest:
    """Take the story down for good, tell its author why, answer the sender."""
    story = _takedown_story(request)
    _close(request, moderator=moderator, outcome=TakedownOutcome.UNPUBLISHED, note=note)
    current = Story.objects.filter(pk=story.pk).values_list("status", flat=True).first()
    author_note = f"{Reason.IDENTIFIES_PERSON.label}. Someone in the story asked us to remove it."
    # rejected_for NULL: taken down at someone's request, the story cannot be sent again.
    changed = (
        Story.objects.live()
        .filter(pk=story.pk)
        .update(
            status=StoryStatus.REJECTED,
            moderator_note=author_note,
            rejected_for=None,
            updated_at=timezone.now(),
        )
    )
    if changed == 0:
        raise AlreadyDecided(
            message="The story is no longer published, so it cannot be taken down."
        )
    story.refresh_from_db()
    decision = record_decision(
        story=story,
        moderator=moderator,
        action=Action.UNPUBLISH,
        from_status=DecisionStatus(current),
        to_status=DecisionStatus.REJECTED,
        reason=Reason.IDENTIFIES_PERSON,
        note="Someone the story is about asked us to take it down.",
    )
    notify_author(story=story, decision=decision)
    return request


@transaction.atomic
def decline(*, request: TakedownRequest, moderator, note: str) -> TakedownRequest:
    """Leave the story as it is, telling the sender why; or answer a contact message."""
    if not note.strip():
        raise ValueError("Write a note to the sender.")
    outcome = (
        TakedownOutcome.REPLIED
        if request.kind == TakedownKind.CONTACT
        else TakedownOutcome.DECLINED
    )
    return _close(request, moderator=moderator, outcome=outcome, note=note)
