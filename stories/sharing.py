"""What a member does with their own stories: save, submit, edit, withdraw, delete, thank.

Each action is one function, in one transaction, called by the views (and by anything else that
performs it), so the rules live in one place.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from stories.forms import Intent, StoryForm
from stories.models import (
    Practice,
    RevisionStatus,
    Story,
    StoryRevision,
    StoryStatus,
    Thanks,
)

EDITABLE_STATUSES = {
    StoryStatus.DRAFT,
    StoryStatus.SUBMITTED,
    StoryStatus.CHANGES_REQUESTED,
    StoryStatus.WITHDRAWN,
    StoryStatus.PUBLISHED,
}


@dataclass(frozen=True)
class Outcome:
    story: Story
    message: str


@transaction.atomic
def save_story(*, form: StoryForm, author, intent: str) -> Outcome:
    """Save a valid form as a draft or a submission; an edit of a live story becomes a revision."""
    story = form.instance
    if story.pk and story.status == StoryStatus.PUBLISHED:
        return _save_revision(form=form, story=story)

    story = form.save(commit=False)
    story.author = author
    story.photo = form.chosen_photo()
    story.refresh_fingerprint()
    if intent == Intent.SUBMIT:
        duplicate = _same_story_already_sent(story)
        if duplicate:
            return Outcome(duplicate, ALREADY_RECEIVED)
        story.status = StoryStatus.SUBMITTED
        story.submitted_at = timezone.now()
        message = (
            "Thank you! Your story is waiting for a moderator. We will email you when it is read."
        )
    else:
        story.status = StoryStatus.DRAFT
        message = "Draft saved. Only you can see it; come back any time to finish it."
    try:
        with transaction.atomic():
            story.save()
    except IntegrityError:
        # A double click: the other request saved the same story first (the database's
        # stories_story_no_duplicate_submission constraint refused this one).
        duplicate = _same_story_already_sent(story)
        if duplicate is None:
            raise
        return Outcome(duplicate, ALREADY_RECEIVED)
    story.practices.set(list(form.cleaned_data["practices"]))
    story.tags.set(form.cleaned_data["tags"])
    return Outcome(story, message)


ALREADY_RECEIVED = "We already have this story, so it was not sent twice. It is listed below."


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


def _save_revision(*, form: StoryForm, story: Story) -> Outcome:
    data = form.cleaned_data
    photo = form.chosen_photo()
    StoryRevision.objects.update_or_create(
        story=story,
        status=RevisionStatus.PENDING,
        defaults={
            "title": data["title"],
            "body": data["body"],
            "perspective": data["perspective"],
            "setting": data["setting"],
            "practice_slugs": [practice.slug for practice in data["practices"]],
            "tag_names": data["tags"],
            "photo": photo,
            "photo_alt": data["photo_alt"] if photo else "",
            "is_anonymous": data["is_anonymous"],
        },
    )
    # Re-read so the caller never sees the unsaved edit on the live story object.
    story.refresh_from_db()
    return Outcome(
        story,
        "Your edit is waiting for a moderator. "
        "The published version stays up until it is approved.",
    )


def form_for_revision(revision: StoryRevision) -> dict:
    """Initial form data that resumes a pending edit where the author left it."""
    return {
        "title": revision.title,
        "body": revision.body,
        "perspective": revision.perspective,
        "setting": revision.setting,
        "practices": revision.practice_slugs,
        "tags": ", ".join(revision.tag_names),
        "photo_alt": revision.photo_alt,
        "is_anonymous": revision.is_anonymous,
        "photo_key": revision.photo.key if revision.photo else "",
    }


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


@transaction.atomic
def withdraw_story(*, story: Story) -> bool:
    """Take a submitted or published story out of review or off the site. False if it moved on."""
    updated = Story.objects.filter(
        pk=story.pk,
        status__in=[StoryStatus.SUBMITTED, StoryStatus.PUBLISHED, StoryStatus.HIDDEN],
    ).update(status=StoryStatus.WITHDRAWN, updated_at=timezone.now())
    if updated:
        story.revisions.filter(status=RevisionStatus.PENDING).update(
            status=RevisionStatus.WITHDRAWN, decided_at=timezone.now()
        )
    return bool(updated)


@transaction.atomic
def toggle_thanks(*, story: Story, member) -> bool:
    """Thank a story, or take the thanks back. Returns True when the member now thanks it."""
    deleted, _ = Thanks.objects.filter(story=story, member=member).delete()
    if deleted:
        Story.objects.filter(pk=story.pk).update(thanks_count=F("thanks_count") - 1)
        return False
    try:
        with transaction.atomic():
            Thanks.objects.create(story=story, member=member)
    except IntegrityError:  # a double click raced us; the thanks is already there
        return True
    Story.objects.filter(pk=story.pk).update(thanks_count=F("thanks_count") + 1)
    return True
