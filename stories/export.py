"""The stories app's sections of "Download my data" (accounts.export.SECTIONS)."""

from kindness.public_site import public_url
from stories.models import Story, StoryRevision, Thanks


def iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def story_data(story: Story) -> dict:
    """A story as its author wrote it, with every edit; the caller prefetched what it reads."""
    return {
        "id": story.pk,
        "title": story.title,
        "body": story.body,
        "status": story.get_status_display(),
        "perspective": story.get_perspective_display(),
        "setting": story.get_setting_display(),
        "practices": [practice.name for practice in story.practices.all()],
        "tags": [tag.name for tag in story.tags.all()],
        "published_anonymously": story.is_anonymous,
        "photo": _photo(story.photo, story.photo_alt),
        "note_from_the_moderators": story.moderator_note,
        "address": public_url(story.get_absolute_url()) if story.is_published else None,
        "thanks_received": story.thanks_count,
        "created_at": iso(story.created_at),
        "first_sent_for_review_at": iso(story.first_submitted_at),
        "published_at": iso(story.published_at),
        "edits": [revision_data(revision) for revision in story.revisions.all()],
    }


def revision_data(revision: StoryRevision) -> dict:
    return {
        "id": revision.pk,
        "status": revision.get_status_display(),
        "title": revision.title,
        "body": revision.body,
        "perspective": revision.get_perspective_display(),
        "setting": revision.get_setting_display(),
        "practices": revision.practice_slugs,
        "tags": revision.tag_names,
        "published_anonymously": revision.is_anonymous,
        "photo": _photo(revision.photo, revision.photo_alt),
        "written_at": iso(revision.created_at),
        "decided_at": iso(revision.decided_at),
    }


def _photo(photo, alt: str) -> dict | None:
    if photo is None:
        return None
    return {"address": public_url(photo.url()), "description": alt}


def authors_stories(user):
    """Every story of the member, in a fixed number of queries however many there are."""
    return (
        Story.objects.filter(author=user)
        .select_related("photo")
        .prefetch_related("practices", "tags", "revisions__photo")
        .order_by("created_at", "id")
    )


def thanks_for_export(user) -> list[dict]:
    thanks = Thanks.objects.filter(member=user).select_related("story").order_by("created_at")
    return [
        {
            "story": item.story.title,
            "address": public_url(item.story.get_absolute_url()),
            "thanked_at": iso(item.created_at),
        }
        for item in thanks
    ]
