"""The weekly thanks digest: a storyteller hears, at most once a week, how their stories landed."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.deletion import delete_account
from moderation.suspensions import suspend_member
from outbox.models import Email
from stories import digests
from stories.digest_models import ThanksDigest
from stories.models import Story, Thanks
from stories.thanks import toggle_thanks
from tests.factories import ModeratorFactory, StoryFactory, UserFactory

pytestmark = pytest.mark.django_db


# A Wednesday, so that a few days either way stay in the same week.
WEDNESDAY_NOON = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)


def thank(story: Story, *, times: int = 1, at=None) -> None:
    """`times` different readers thank `story` at `at` (an hour ago by default)."""
    at = at or timezone.now() - timedelta(hours=1)
    for _ in range(times):
        Thanks.objects.create(story=story, member=UserFactory(), created_at=at)


def send(django_capture_on_commit_callbacks, *, now=None) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return digests.send_thanks_digests(now=now)


def digests_to(member) -> list:
    return [message for message in mail.outbox if message.to == [member.email]]


def test_it_emails_a_storyteller_the_thanks_each_story_received(
    author, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://flipthecounter.example"
    dana = StoryFactory(author=author, title="Thank you, Dana")
    sam = StoryFactory(author=author, title="The bus driver Sam")
    StoryFactory(author=author, title="Nobody thanked this one yet")
    thank(dana, times=3)
    thank(sam)

    assert send(django_capture_on_commit_callbacks) == 1

    (email,) = digests_to(author)
    assert "Flip the Counter" in email.subject
    assert "4 times" in email.subject
    assert '"Thank you, Dana": 3 thanks' in email.body
    assert '"The bus driver Sam": 1 thanks' in email.body
    assert f"https://flipthecounter.example{dana.get_absolute_url()}" in email.body
    assert "Nobody thanked this one yet" not in email.body
    assert "https://flipthecounter.example/accounts/profile/" in email.body
    html = email.alternatives[0][0]
    assert f'href="https://flipthecounter.example{dana.get_absolute_url()}"' in html


def test_it_sends_at_most_one_digest_a_week_and_then_only_the_new_thanks(
    author, django_capture_on_commit_callbacks
):
    story = StoryFactory(author=author, title="Thank you, Dana")
    thank(story, times=2, at=WEDNESDAY_NOON - timedelta(hours=1))
    send(django_capture_on_commit_callbacks, now=WEDNESDAY_NOON)
    thank(story, at=WEDNESDAY_NOON + timedelta(hours=3))

    assert send(django_capture_on_commit_callbacks, now=WEDNESDAY_NOON + timedelta(hours=4)) == 0
    assert send(django_capture_on_commit_callbacks, now=WEDNESDAY_NOON + timedelta(days=6)) == 0

    assert send(django_capture_on_commit_callbacks, now=WEDNESDAY_NOON + timedelta(days=8)) == 1
    first, second = digests_to(author)
    assert "2 thanks" in first.body
    assert '"Thank you, Dana": 1 thanks' in second.body, "only the thanks since the first digest"
    assert ThanksDigest.objects.filter(member=author).count() == 2


def test_it_sends_nothing_when_there_is_nothing_new(author, django_capture_on_commit_callbacks):
    story = StoryFactory(author=author)
    thank(story)
    send(django_capture_on_commit_callbacks)

    in_eight_days = timezone.now() + timedelta(days=8)
    assert send(django_capture_on_commit_callbacks, now=in_eight_days) == 0
    assert len(digests_to(author)) == 1


def test_the_command_run_twice_sends_one_digest(author, django_capture_on_commit_callbacks):
    thank(StoryFactory(author=author))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_thanks_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("send_thanks_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert len(digests_to(author)) == 1
    assert Email.objects.count() == 1


def test_the_weekly_constraint_alone_stops_a_second_digest_in_the_same_week(
    author, django_capture_on_commit_callbacks, monkeypatch
):
    """A sender that read before the first digest committed passes the seven-day check; the
    unique (member, week) row written with the email is what turns it away."""
    story = StoryFactory(author=author)
    thank(story, at=WEDNESDAY_NOON - timedelta(hours=1))
    send(django_capture_on_commit_callbacks, now=WEDNESDAY_NOON)
    thank(story, at=WEDNESDAY_NOON + timedelta(hours=3))
    monkeypatch.setattr(digests, "DIGEST_EVERY", timedelta(0))

    assert send(django_capture_on_commit_callbacks, now=WEDNESDAY_NOON + timedelta(hours=4)) == 0
    assert len(digests_to(author)) == 1
    assert Email.objects.count() == 1

    next_monday = WEDNESDAY_NOON + timedelta(days=5)
    assert send(django_capture_on_commit_callbacks, now=next_monday) == 1, "a new week"


@pytest.mark.parametrize("why", ["opted out", "suspended", "deactivated"])
def test_it_never_emails_a_member_who_should_not_get_it(
    author, why, django_capture_on_commit_callbacks
):
    thank(StoryFactory(author=author))
    if why == "opted out":
        author.thanks_digest = False
        author.save(update_fields=["thanks_digest"])
    elif why == "suspended":
        suspend_member(member=author, moderator=ModeratorFactory(), days=7, reason="Spam")
        mail.outbox.clear()
    else:
        author.is_active = False
        author.save(update_fields=["is_active"])

    assert send(django_capture_on_commit_callbacks) == 0
    assert digests_to(author) == []
    assert not ThanksDigest.objects.exists()


def test_a_deleted_account_gets_nothing(author, django_capture_on_commit_callbacks):
    thank(StoryFactory(author=author))
    delete_account(user=author, keep_stories=False)

    assert send(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    "status", [Story.Status.HIDDEN, Story.Status.WITHDRAWN, Story.Status.REJECTED]
)
def test_it_never_mentions_a_story_readers_can_no_longer_see(
    author, status, django_capture_on_commit_callbacks
):
    gone = StoryFactory(author=author, title="Gone from the site")
    thank(gone)
    Story.objects.filter(pk=gone.pk).update(status=status)

    assert send(django_capture_on_commit_callbacks) == 0

    kept = StoryFactory(author=author, title="Still on the site")
    thank(kept)
    assert send(django_capture_on_commit_callbacks) == 1
    (email,) = digests_to(author)
    assert "Still on the site" in email.body
    assert "Gone from the site" not in email.body


def test_thanks_taken_back_are_not_counted(
    author, other_member, django_capture_on_commit_callbacks
):
    story = StoryFactory(author=author)
    toggle_thanks(story=story, member=other_member)
    toggle_thanks(story=story, member=other_member)

    assert send(django_capture_on_commit_callbacks) == 0


def test_it_finds_who_is_due_in_one_query_however_many_members_there_are(
    author, other_member, django_capture_on_commit_callbacks
):
    for writer in [author, other_member, *UserFactory.create_batch(5)]:
        thank(StoryFactory(author=writer))
    UserFactory.create_batch(10)

    with CaptureQueriesContext(connection) as queries:
        due = digests.due_members(now=timezone.now())

    assert len(due) == 7
    assert len(queries) == 1


def test_the_profile_turns_the_weekly_email_off_and_on(author, author_client):
    page = author_client.get("/accounts/profile/").content.decode()
    assert "Weekly thanks email" in page
    assert 'name="thanks_digest"' in page and "checked" in page

    author_client.post("/accounts/profile/", {"display_name": "Alice"})
    author.refresh_from_db()
    assert author.thanks_digest is False

    author_client.post("/accounts/profile/", {"display_name": "Alice", "thanks_digest": "on"})
    author.refresh_from_db()
    assert author.thanks_digest is True


def test_a_new_member_wants_the_weekly_email():
    assert UserFactory().thanks_digest is True


def test_a_thanks_given_as_the_digest_goes_out_comes_in_the_next_one(
    author, django_capture_on_commit_callbacks
):
    story = StoryFactory(author=author, title="Thank you, Dana")
    thank(story, times=2, at=WEDNESDAY_NOON - timedelta(hours=1))
    thank(story, at=WEDNESDAY_NOON - timedelta(seconds=20))

    send(django_capture_on_commit_callbacks, now=WEDNESDAY_NOON)
    send(django_capture_on_commit_callbacks, now=WEDNESDAY_NOON + timedelta(days=7))

    first, second = digests_to(author)
    assert '"Thank you, Dana": 2 thanks' in first.body
    assert '"Thank you, Dana": 1 thanks' in second.body
