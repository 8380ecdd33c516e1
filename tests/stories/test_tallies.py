"""The kept story counts (stories.tallies) equal a fresh count after every change readers can see.

Runs on whichever database the suite runs on (SQLite locally, PostgreSQL in CI): the counts are
kept by triggers, so each database's own SQL is what is tested.
"""

from collections import Counter
from datetime import UTC, timedelta

import pytest
from django.db import connection
from django.urls import reverse

from accounts.deletion import delete_account
from moderation.decisions import decide_story, flag_story
from moderation.models import Action
from stories import tallies
from stories.lifecycle import apply_revision, withdraw_story
from stories.models import Practice, PracticedIn, Story, StoryRevision, StoryTally
from tests.factories import StoryFactory, UserFactory
from tests.pages import parse
from tests.stories.helpers import delete_withdrawn, unpublish_on_request

pytestmark = pytest.mark.django_db


def fresh_counts() -> dict[str, int]:
    published = Story.objects.published()
    counts = Counter({tallies.ALL: published.count()})
    for setting, perspective, moment in published.values_list(
        "setting", "perspective", "published_at"
    ):
        counts[tallies.setting_key(setting)] += 1
        counts[tallies.perspective_key(perspective)] += 1
        counts[tallies.list_key(setting=setting, perspective=perspective)] += 1
        counts[tallies.day_key(moment.astimezone(UTC).date())] += 1
        counts[tallies.month_key(moment.astimezone(UTC).date())] += 1
    links = PracticedIn.objects.filter(content_object__status=Story.Status.PUBLISHED)
    for practice_id, setting, perspective in links.values_list(
        "tag_id", "content_object__setting", "content_object__perspective"
    ):
        for chosen in ({}, {"setting": setting}, {"perspective": perspective}):
            counts[tallies.list_key(practice_id=practice_id, **chosen)] += 1
        counts[
            tallies.list_key(practice_id=practice_id, setting=setting, perspective=perspective)
        ] += 1
    return {name: total for name, total in counts.items() if total}


def kept_counts() -> dict[str, int]:
    return dict(StoryTally.objects.exclude(total=0).values_list("name", "total"))


@pytest.fixture
def shelf(author, other_member):
    """Stories in several states, practices, settings and points of view."""
    return [
        StoryFactory(author=author, practices=["give-grace", "smile-first"]),
        StoryFactory(author=author, setting=Story.Setting.RESTAURANT, practices=["give-grace"]),
        StoryFactory(author=other_member, perspective=Story.Perspective.WORKER),
        StoryFactory(author=other_member, status=Story.Status.SUBMITTED),
        StoryFactory(author=author, status=Story.Status.DRAFT),
    ]


def approve(story: Story) -> None:
    decide_story(story=story, moderator=UserFactory(), action=Action.APPROVE)


def hide_by_flags(story: Story, settings) -> None:
    settings.FLAGS_TO_HIDE = 1
    flag_story(story=story, member=UserFactory(), reason="unkind")


def apply_an_edit(story: Story) -> None:
    revision = StoryRevision.objects.create(
        story=story,
        title="A new title for readers",
        body=story.body,
        perspective=Story.Perspective.WORKER,
        setting=Story.Setting.RESTAURANT,
        practice_slugs=["ask-how-are-you", "be-patient"],
    )
    apply_revision(revision=revision)


CHANGES = {
    "published": lambda shelf, settings: approve(shelf[3]),
    "hidden by flags": lambda shelf, settings: hide_by_flags(shelf[0], settings),
    "withdrawn": lambda shelf, settings: withdraw_story(story=shelf[0]),
    "withdrawn and deleted": lambda shelf, settings: delete_withdrawn(shelf[1]),
    "deleted by the admin": lambda shelf, settings: Story.objects.filter(pk=shelf[0].pk).delete(),
    "bulk status update": lambda shelf, settings: Story.objects.update(status="rejected"),
    "account deleted": lambda shelf, settings: delete_account(
        user=shelf[0].author, keep_stories=False
    ),
    "unpublished on a takedown request": lambda shelf, settings: unpublish_on_request(shelf[2]),
    "edit applied": lambda shelf, settings: apply_an_edit(shelf[0]),
    "practice removed from a story": lambda shelf, settings: shelf[1].practices.clear(),
    "practice deleted": lambda shelf, settings: Practice.objects.get(slug="give-grace").delete(),
    "practice renamed": lambda shelf, settings: Practice.objects.filter(slug="give-grace").update(
        name="Grace, given"
    ),
    "setting changed": lambda shelf, settings: Story.objects.filter(pk=shelf[0].pk).update(
        setting=Story.Setting.HOTEL
    ),
    "point of view changed": lambda shelf, settings: Story.objects.filter(pk=shelf[1].pk).update(
        perspective=Story.Perspective.WITNESS
    ),
    "re-dated to another day": lambda shelf, settings: Story.objects.filter(pk=shelf[0].pk).update(
        published_at=shelf[0].published_at - timedelta(days=2)
    ),
}


def test_the_kept_counts_start_equal_to_a_fresh_count(shelf):
    assert kept_counts() == fresh_counts()
    assert kept_counts()[tallies.ALL] == 3


@pytest.mark.parametrize("change", CHANGES)
def test_the_kept_counts_equal_a_fresh_count_after(shelf, change, settings):
    before = fresh_counts()

    CHANGES[change](shelf, settings)

    assert kept_counts() == fresh_counts()
    if change != "practice renamed":
        assert fresh_counts() != before, "the change should have changed a count"


def test_a_rebuild_counts_the_same_as_the_triggers(shelf):
    kept = kept_counts()
    StoryTally.objects.all().delete()

    tallies.rebuild(connection)

    assert kept_counts() == kept


def shown_total(client, url: str) -> str:
    return parse(client.get(url)).find("p", role="status").text


@pytest.mark.parametrize("change", ["published", "withdrawn", "edit applied"])
def test_the_list_shows_the_fresh_total_after(other_client, shelf, change, settings):
    CHANGES[change](shelf, settings)

    published = Story.objects.published()
    assert shown_total(other_client, reverse("stories:list")) == f"{published.count()} stories"
    restaurant = published.filter(setting=Story.Setting.RESTAURANT).count()
    assert shown_total(other_client, reverse("stories:list") + "?setting=restaurant") == (
        f"{restaurant} stor{'y' if restaurant == 1 else 'ies'}"
    )


@pytest.mark.parametrize(
    "change", ["published", "withdrawn", "edit applied", "setting changed", "point of view changed"]
)
def test_a_list_of_combined_filters_shows_its_exact_total_after(
    other_client, shelf, change, settings
):
    CHANGES[change](shelf, settings)

    published = Story.objects.published()
    for query, stories in (
        (
            "practice=give-grace&setting=restaurant",
            published.filter(practices__slug="give-grace", setting="restaurant"),
        ),
        (
            "setting=grocery&perspective=customer",
            published.filter(setting="grocery", perspective="customer"),
        ),
        (
            "practice=give-grace&setting=grocery&perspective=customer",
            published.filter(
                practices__slug="give-grace", setting="grocery", perspective="customer"
            ),
        ),
    ):
        total = stories.count()
        shown = shown_total(other_client, reverse("stories:list") + f"?{query}")
        assert shown == f"{total} stor{'y' if total == 1 else 'ies'}", query
