"""The triggers and search index the migrations create, and the content version they keep honest.

Runs on whichever database the suite runs on (SQLite locally, PostgreSQL in CI).
"""

import re

import pytest
from django.db import connection
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from accounts.models import User
from moderation.decisions import decide_story, flag_story
from moderation.models import Action
from stories import database, freshness
from stories.lifecycle import apply_revision, withdraw_story
from stories.models import Practice, Story, StoryRevision
from tests.factories import StoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def triggers_in_database() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {name for (name,) in cursor.fetchall()}


def columns_watched_by_the_story_update_trigger() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'stories_story_bump_update'")
            sql = cursor.fetchone()[0]
            columns = re.search(r"UPDATE OF (.*?) ON stories_story", sql).group(1)
            return {column.strip() for column in columns.split(",")}
        cursor.execute(
            "SELECT attname FROM pg_trigger JOIN pg_attribute "
            "ON attrelid = tgrelid AND attnum = ANY(tgattr) "
            "WHERE tgname = 'stories_story_bump_update'"
        )
        return {name for (name,) in cursor.fetchall()}


def test_every_story_field_is_declared_as_bumping_or_quiet():
    fields = {field.name for field in Story._meta.concrete_fields}
    bumping, quiet = freshness.BUMPING_STORY_FIELDS, freshness.QUIET_STORY_FIELDS

    assert not bumping & quiet, "a field is both bumping and quiet"
    assert bumping | quiet == fields, (
        f"Place {sorted(fields - bumping - quiet)} in stories.freshness.BUMPING_STORY_FIELDS "
        f"(readers see it) or QUIET_STORY_FIELDS; drop {sorted((bumping | quiet) - fields)}."
    )


def test_every_declared_trigger_exists_after_migrate():
    assert triggers_in_database() == database.trigger_names(connection.vendor), (
        "A migration rebuilt a table (SQLite drops its triggers) or changed them: "
        "append stories.database.CreateTriggers to it."
    )


def test_the_story_trigger_watches_every_column_readers_see():
    assert columns_watched_by_the_story_update_trigger() == set(freshness.story_columns()), (
        "freshness.BUMPING_STORY_FIELDS changed: add a migration with CreateTriggers and the "
        "new story_columns."
    )


def approve(story: Story) -> None:
    moderator = UserFactory()
    decide_story(story=story, moderator=moderator, action=Action.APPROVE)


def hide_by_flags(story: Story, settings) -> None:
    settings.FLAGS_TO_HIDE = 1
    flag_story(story=story, member=UserFactory(), reason="unkind")


def apply_an_edit(story: Story) -> None:
    revision = StoryRevision.objects.create(
        story=story,
        title="A new title for readers",
        body=story.body,
        perspective=story.perspective,
        setting=story.setting,
        practice_slugs=["ask-how-are-you"],
    )
    apply_revision(revision=revision)


def rename_its_practice(story: Story) -> None:
    practice = story.practices.get()
    practice.name = "Ask, and listen to the answer"
    practice.save()


def rename_its_author(story: Story) -> None:
    author = User.objects.get(pk=story.author_id)
    author.display_name = "Alicia"
    author.save(update_fields=["display_name"])


CHANGES = {
    "published": lambda story, settings: approve(story),
    "hidden by flags": hide_by_flags,
    "withdrawn": lambda story, settings: withdraw_story(story=story),
    "edit applied": lambda story, settings: apply_an_edit(story),
    "practice renamed": lambda story, settings: rename_its_practice(story),
    "tag removed": lambda story, settings: story.tags.remove("counter"),
    "display name changed": lambda story, settings: rename_its_author(story),
}


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_readers_can_see_bumps_the_version(author, change, settings):
    status = Story.Status.SUBMITTED if change == "published" else Story.Status.PUBLISHED
    story = StoryFactory(author=author, status=status, tags=["counter"])
    before = freshness.current(connection)

    CHANGES[change](story, settings)

    assert freshness.current(connection) > before


@pytest.mark.parametrize(
    "change",
    [
        lambda: StoryFactory(status=Story.Status.DRAFT),
        lambda: StoryFactory(status=Story.Status.SUBMITTED),
        lambda: Story.objects.update(thanks_count=3, moderator_note="Thanks!"),
    ],
    ids=["draft saved", "story submitted", "thanks counted"],
)
def test_changes_readers_cannot_see_keep_the_version(published_story, change):
    before = freshness.current(connection)

    change()

    assert freshness.current(connection) == before


PRACTICE_CHANGES = {
    "added": lambda: Practice.objects.create(slug="hold-the-door", name="Hold the door"),
    "renamed": lambda: Practice.objects.filter(slug="give-grace").update(name="Grace, always"),
    "moved": lambda: Practice.objects.filter(slug="give-grace").update(position=99),
    "deleted": lambda: Practice.objects.filter(slug="give-grace").delete(),
}


@pytest.mark.parametrize("change", PRACTICE_CHANGES)
def test_every_change_to_a_practice_moves_both_versions(change):
    before = freshness.versions(connection)

    PRACTICE_CHANGES[change]()

    after = freshness.versions(connection)
    assert after.content > before.content
    assert after.practices > before.practices


def test_a_publish_moves_the_content_version_alone(author):
    story = StoryFactory(author=author, status=Story.Status.SUBMITTED, practices=["give-grace"])
    before = freshness.versions(connection)

    approve(story)

    after = freshness.versions(connection)
    assert after.content > before.content
    assert after.practices == before.practices


def test_an_emptied_version_row_comes_back_with_practices_never_counted_before():
    before = freshness.versions(connection)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM stories_contentversion")

    after = freshness.versions(connection)
    PRACTICE_CHANGES["renamed"]()

    assert after.practices != before.practices
    assert freshness.versions(connection).practices == after.practices + 1


def test_a_newly_published_story_is_on_the_very_next_cached_page(visitor, author):
    story = StoryFactory(
        author=author, title="The night porter and the thermos", status="submitted"
    )
    assertNotContains(visitor.get(reverse("stories:list")), story.title)

    approve(story)

    assertContains(visitor.get(reverse("stories:list")), story.title)
