"""Two moderators acting on the same item at the same moment: one wins, the other is told.

On PostgreSQL this is the real race: each thread has its own connection and transaction, and a
barrier releases both into the decision function together, so the conditional UPDATE that guards
each decision is what serialises them (the second waits on the row lock, then matches no row).
On SQLite the same test runs too: IMMEDIATE transactions serialise the two writers at BEGIN.
The SQLite test database, though, is in memory with a shared cache, where a second writer gets
"database table is locked" at once instead of waiting out the busy timeout as it does on the file
database the site runs on; `tests.races.waiting_for_the_lock` stands in for that wait (and does
nothing on PostgreSQL).
"""

import contextlib
import threading
from datetime import timedelta

import pytest
from django.utils import timezone

from moderation import decisions
from moderation.decisions import AlreadyDecided
from moderation.models import Decision, Flag, FlagQuerySet
from stories.models import Story, StoryRevision
from tests.factories import StoryFactory, StoryRevisionFactory, UserFactory
from tests.races import all_at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def race(*calls):
    """Run each call in its own thread and connection, released together by a barrier.

    Returns one ("won", result), ("refused", AlreadyDecided) or ("failed", error) per call.
    """
    outcomes = [_outcome(result) for result in all_at_once(calls, seconds=60)]
    assert [kind for kind, _ in outcomes if kind == "failed"] == [], outcomes
    return outcomes


def _outcome(result) -> tuple:
    if isinstance(result, AlreadyDecided):
        return ("refused", result)
    if isinstance(result, Exception):
        return ("failed", result)
    return ("won", result)


def winner_and_loser(outcomes):
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["refused", "won"], outcomes
    won = next(index for index, (kind, _) in enumerate(outcomes) if kind == "won")
    return won, outcomes[1 - won][1]


def test_two_moderators_deciding_one_story_make_one_decision(
    moderator, second_moderator, author, mailoutbox
):
    story = StoryFactory(
        author=author,
        status=Story.Status.SUBMITTED,
        submitted_at=timezone.now() - timedelta(hours=2),
    )

    outcomes = race(
        lambda: decisions.decide_story(story=story, moderator=moderator, action="approve"),
        lambda: decisions.decide_story(
            story=story, moderator=second_moderator, action="reject", reason="spam"
        ),
    )

    won, refusal = winner_and_loser(outcomes)
    decision = Decision.objects.get()
    expected = [("approve", "published", moderator), ("reject", "rejected", second_moderator)][won]
    assert (decision.action, decision.to_status, decision.moderator) == expected
    assert Story.objects.get(pk=story.pk).status == expected[1]
    assert refusal.decision == decision
    assert f"already decided: {expected[2].display_name}" in str(refusal)
    assert len(mailoutbox) == 1


def test_two_moderators_resolving_one_flagged_story_resolve_it_once(
    moderator, second_moderator, settings
):
    settings.FLAGS_TO_HIDE = 2
    story = StoryFactory(title="A story two readers doubt")
    for _ in range(2):
        decisions.flag_story(story=story, member=UserFactory(), reason="not_service")
    assert Story.objects.get(pk=story.pk).status == Story.Status.HIDDEN

    outcomes = race(
        lambda: decisions.resolve_flags(story=story, moderator=moderator, keep=True),
        lambda: decisions.resolve_flags(
            story=story, moderator=second_moderator, keep=False, reason="not_service"
        ),
    )

    won, refusal = winner_and_loser(outcomes)
    resolved = Decision.objects.exclude(action="hide")
    assert resolved.count() == 1
    expected = [("keep", "published", moderator), ("unpublish", "rejected", second_moderator)][won]
    decision = resolved.get()
    assert (decision.action, decision.to_status, decision.moderator) == expected
    assert Story.objects.get(pk=story.pk).status == expected[1]
    assert Flag.objects.open().count() == 0
    assert set(Flag.objects.values_list("resolved_by", flat=True)) == {expected[2].pk}
    assert isinstance(refusal, AlreadyDecided)


def test_two_moderators_deciding_one_edit_make_one_decision(moderator, second_moderator):
    story = StoryFactory(title="Thank you, Dana")
    revision = StoryRevisionFactory(
        story=story,
        title="Thank you again, Dana",
        body="She found my lost glove and ran after the bus.",
        practice_slugs=["say-thank-you"],
    )

    outcomes = race(
        lambda: decisions.decide_revision(
            revision=revision, moderator=moderator, action="approve_edit"
        ),
        lambda: decisions.decide_revision(
            revision=revision, moderator=second_moderator, action="reject_edit", reason="spam"
        ),
    )

    won, refusal = winner_and_loser(outcomes)
    decision = Decision.objects.get()
    revision.refresh_from_db()
    story.refresh_from_db()
    if won == 0:
        assert (decision.action, decision.moderator) == ("approve_edit", moderator)
        assert revision.status == StoryRevision.Status.APPROVED
        assert story.title == "Thank you again, Dana"
    else:
        assert (decision.action, decision.moderator) == ("reject_edit", second_moderator)
        assert revision.status == StoryRevision.Status.REJECTED
        assert story.title == "Thank you, Dana"
    assert story.status == Story.Status.PUBLISHED
    assert isinstance(refusal, AlreadyDecided)


def test_two_members_flagging_at_once_still_hide_the_story(settings, monkeypatch):
    """The last two flags arrive together; between them they reach the threshold.

    The interleaving is forced: each flag is written, then both wait until the other is written
    before counting the open flags. On PostgreSQL neither transaction sees the other's flag unless
    flag_story serialises flaggers of one story (e.g. by locking the story row first), so the
    count stays one short and the story stays up. On SQLite the second flagger waits at BEGIN; the
    inner barrier then times out and the flags are counted one after the other.
    """
    settings.FLAGS_TO_HIDE = 2
    story = StoryFactory(title="A story two readers doubt")
    both_written = threading.Barrier(2)
    count_open = FlagQuerySet.open

    def open_after_both_flags_are_written(queryset):
        # A broken barrier means the other flag is not being written at the same moment.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_written.wait(timeout=3)
        return count_open(queryset)

    first, second = UserFactory(), UserFactory()
    monkeypatch.setattr(FlagQuerySet, "open", open_after_both_flags_are_written)
    outcomes = race(
        lambda: decisions.flag_story(story=story, member=first, reason="not_service"),
        lambda: decisions.flag_story(story=story, member=second, reason="spam"),
    )
    monkeypatch.undo()

    assert [kind for kind, _ in outcomes] == ["won", "won"]
    assert Flag.objects.filter(story=story, resolved_at__isnull=True).count() == 2
    assert Story.objects.get(pk=story.pk).status == Story.Status.HIDDEN
    assert Decision.objects.filter(action="hide").count() == 1
