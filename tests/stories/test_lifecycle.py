"""The story lifecycle called as the admin, the shell and the demo data call it: plain arguments in,
a story or a readable refusal out. The pages that call the same functions are tested elsewhere."""

from datetime import timedelta

import pytest
from django.utils import timezone

from stories.errors import (
    CannotDelete,
    CannotThank,
    CannotWithdraw,
    DailyLimitReached,
    Incomplete,
    NotEditable,
)
from stories.lifecycle import (
    StoryContent,
    delete_story,
    preview_story,
    save_draft,
    submit_story,
    withdraw_story,
)
from stories.models import Practice, Story, StoryRevision, Thanks
from stories.thanks import toggle_thanks
from tests.factories import StoryFactory, StoryPhotoFactory

pytestmark = pytest.mark.django_db


def content(**overrides) -> StoryContent:
    fields = {
        "title": "The porter who carried my case",
        "body": "The lift was broken and he carried it up four floors.",
        "perspective": Story.Perspective.CUSTOMER,
        "setting": Story.Setting.HOTEL,
        "practices": list(Practice.objects.filter(slug="say-thank-you")),
        "tags": ["hotel", "late-night"],
        **overrides,
    }
    return StoryContent(**fields)


def test_it_submits_a_new_story_from_plain_arguments(author):
    outcome = submit_story(author=author, content=content())

    story = Story.objects.get()
    assert outcome.story == story
    assert outcome.message.startswith("Thank you! Your story is waiting for a moderator.")
    assert story.status == Story.Status.SUBMITTED
    assert story.submitted_at == story.first_submitted_at
    assert [p.slug for p in story.practices.all()] == ["say-thank-you"]
    assert sorted(tag.name for tag in story.tags.all()) == ["hotel", "late-night"]


def test_it_saves_an_unfinished_draft(author):
    outcome = save_draft(author=author, content=StoryContent(title="Half a thought"))

    assert outcome.story.status == Story.Status.DRAFT
    assert outcome.story.submitted_at is None
    assert outcome.story.first_submitted_at is None


def test_it_refuses_to_send_an_unfinished_story_for_review(author):
    with pytest.raises(Incomplete, match="needs the story itself, where it happened"):
        submit_story(author=author, content=content(body="  ", setting=""))

    assert not Story.objects.exists()


def test_a_resubmitted_story_keeps_its_first_submission_time(author):
    story = submit_story(author=author, content=content()).story
    first = story.first_submitted_at
    withdraw_story(story=story)

    again = submit_story(author=author, story=story, content=content(body="Four floors, no lift."))

    assert again.story.pk == story.pk
    assert again.story.first_submitted_at == first
    assert again.story.submitted_at > first


def test_the_daily_limit_is_a_refusal_the_author_can_read(settings, author):
    settings.STORIES_PER_DAY = 1
    StoryFactory(author=author, status=Story.Status.SUBMITTED, submitted_at=timezone.now())

    with pytest.raises(DailyLimitReached) as refused:
        submit_story(author=author, content=content())

    assert str(refused.value) == (
        "You have sent 1 stories for review in the last 24 hours, which is the daily limit. "
        "Save this one as a draft and submit it tomorrow; nothing is lost."
    )
    assert Story.objects.count() == 1


def test_the_daily_limit_does_not_hold_back_an_edit_of_a_published_story(settings, author):
    settings.STORIES_PER_DAY = 1
    live = StoryFactory(author=author, submitted_at=timezone.now() - timedelta(hours=1))

    outcome = submit_story(author=author, story=live, content=content(title="Revised"))

    assert outcome.message.startswith("Your edit is waiting for a moderator.")
    assert StoryRevision.objects.get(story=live).title == "Revised"


def test_a_draft_of_a_published_story_is_sent_for_review_instead(author, published_story):
    save_draft(author=author, story=published_story, content=content(title="Sneaky"))

    published_story.refresh_from_db()
    assert published_story.status == Story.Status.PUBLISHED
    assert StoryRevision.objects.pending().get().title == "Sneaky"


@pytest.mark.parametrize("status", [Story.Status.HIDDEN, Story.Status.REJECTED])
def test_a_hidden_or_rejected_story_cannot_be_changed(author, status):
    story = StoryFactory(author=author, status=status, title="As it was")

    for save in (save_draft, submit_story):
        with pytest.raises(NotEditable):
            save(author=author, story=story, content=content(title="Changed"))

    story.refresh_from_db()
    assert story.title == "As it was"
    assert not StoryRevision.objects.exists()


def test_a_story_hidden_after_the_author_opened_it_is_not_changed(author, published_story):
    Story.objects.filter(pk=published_story.pk).update(status=Story.Status.HIDDEN)

    with pytest.raises(NotEditable):
        submit_story(author=author, story=published_story, content=content(title="Too late"))

    assert not StoryRevision.objects.exists()


def test_nobody_changes_someone_elses_story(other_member, published_story):
    with pytest.raises(NotEditable):
        submit_story(author=other_member, story=published_story, content=content())


def test_nobody_attaches_someone_elses_photo(author, other_member):
    theirs = StoryPhotoFactory(owner=other_member)

    with pytest.raises(NotEditable, match="That photo belongs to someone else"):
        submit_story(author=author, content=content(photo=theirs, photo_alt="Not mine"))

    assert not Story.objects.exists()


def test_a_preview_reads_as_the_published_story_and_saves_nothing(author):
    preview = preview_story(author=author, content=content(is_anonymous=True))

    assert preview.byline == "Anonymous"
    assert preview.setting == "Hotel"
    assert preview.perspective == "I was the customer"
    assert not Story.objects.exists()


@pytest.mark.parametrize(
    ("status", "said"),
    [
        (
            Story.Status.SUBMITTED,
            "It is out of the review queue; you can edit it and send it again.",
        ),
        (Story.Status.PUBLISHED, "Readers can no longer see it."),
        (
            Story.Status.HIDDEN,
            "It stays off the site; you can edit it and send it for review again.",
        ),
    ],
)
def test_withdrawing_says_what_is_true_for_the_story(author, status, said):
    story = StoryFactory(author=author, status=status, title="Second thoughts")

    outcome = withdraw_story(story=story)

    assert outcome.message == f"“Second thoughts” is withdrawn. {said}"
    assert outcome.story.status == Story.Status.WITHDRAWN


@pytest.mark.parametrize(
    "status", [Story.Status.DRAFT, Story.Status.REJECTED, Story.Status.WITHDRAWN]
)
def test_what_may_not_be_withdrawn_is_refused(author, status):
    story = StoryFactory(author=author, status=status)

    with pytest.raises(CannotWithdraw, match="That story can no longer be withdrawn."):
        withdraw_story(story=story)

    story.refresh_from_db()
    assert story.status == status


def test_a_story_decided_meanwhile_is_not_withdrawn_from_a_stale_copy(author):
    story = StoryFactory(author=author, status=Story.Status.SUBMITTED)
    Story.objects.filter(pk=story.pk).update(status=Story.Status.REJECTED)

    with pytest.raises(CannotWithdraw):
        withdraw_story(story=story)


@pytest.mark.parametrize("status", [Story.Status.PUBLISHED, Story.Status.HIDDEN])
def test_a_live_story_must_be_withdrawn_before_it_is_deleted(author, status):
    story = StoryFactory(author=author, status=status)

    assert not story.can_be_deleted()
    with pytest.raises(CannotDelete, match="Withdraw a published story before deleting it."):
        delete_story(story=story)

    assert Story.objects.filter(pk=story.pk).exists()


def test_a_story_published_meanwhile_is_not_deleted_from_a_stale_copy(author):
    story = StoryFactory(author=author, status=Story.Status.SUBMITTED)
    Story.objects.filter(pk=story.pk).update(
        status=Story.Status.PUBLISHED, published_at=timezone.now()
    )

    with pytest.raises(CannotDelete):
        delete_story(story=story)

    assert Story.objects.filter(pk=story.pk).exists()


def test_deleting_returns_the_title_for_the_message(author):
    story = StoryFactory(author=author, status=Story.Status.WITHDRAWN, title="Never mind")

    assert delete_story(story=story) == "Never mind"
    assert not Story.objects.exists()


def test_an_author_cannot_thank_their_own_story(author, published_story):
    with pytest.raises(CannotThank, match="This is your own story, so you cannot thank it."):
        toggle_thanks(story=published_story, member=author)

    assert not Thanks.objects.exists()


def test_a_story_readers_cannot_see_cannot_be_thanked(author, other_member):
    story = StoryFactory(author=author, status=Story.Status.SUBMITTED)

    with pytest.raises(CannotThank):
        toggle_thanks(story=story, member=other_member)


def test_thanking_twice_takes_the_thanks_back(other_member, published_story):
    assert toggle_thanks(story=published_story, member=other_member) is True
    assert toggle_thanks(story=published_story, member=other_member) is False

    published_story.refresh_from_db()
    assert published_story.thanks_count == 0
    assert not Thanks.objects.exists()
