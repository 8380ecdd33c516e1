"""The kept tag lists (stories.tag_lists) equal a fresh read after every change readers can see,
and a tag's page shows them.

Runs on whichever database the suite runs on (SQLite locally, PostgreSQL in CI): the lists are
kept by triggers, so each database's own SQL is what is tested.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from accounts.deletion import delete_account
from moderation.decisions import decide_story, flag_story
from moderation.models import Action
from stories import tag_lists
from stories.lifecycle import apply_revision, withdraw_story
from stories.models import Story, StoryRevision, TaggedStory, TagListing
from tests.factories import StoryFactory, UserFactory
from tests.stories.helpers import card_titles, delete_withdrawn, unpublish_on_request

pytestmark = pytest.mark.django_db


def fresh_lists() -> set[tuple]:
    links = TaggedStory.objects.filter(content_object__status=Story.Status.PUBLISHED)
    return set(links.values_list("tag_id", "content_object_id", "content_object__published_at"))


def kept_lists() -> set[tuple]:
    return set(TagListing.objects.values_list("tag_id", "story_id", "published_at"))


@pytest.fixture
def shelf(author, other_member):
    """Tagged stories in several states."""
    return [
        StoryFactory(author=author, tags=["bus stop", "rain"]),
        StoryFactory(author=author, tags=["rain"]),
        StoryFactory(author=other_member, tags=["bus stop"]),
        StoryFactory(author=other_member, status=Story.Status.SUBMITTED, tags=["rain"]),
        StoryFactory(author=author, status=Story.Status.DRAFT, tags=["rain"]),
    ]


def approve(story: Story) -> None:
    decide_story(story=story, moderator=UserFactory(), action=Action.APPROVE)


def hide_by_flags(story: Story, settings) -> None:
    settings.FLAGS_TO_HIDE = 1
    flag_story(story=story, member=UserFactory(), reason="unkind")


def retag_by_edit(story: Story) -> None:
    revision = StoryRevision.objects.create(
        story=story,
        title=story.title,
        body=story.body,
        perspective=story.perspective,
        setting=story.setting,
        practice_slugs=["be-patient"],
        tag_names=["umbrella"],
    )
    apply_revision(revision=revision)


def redate(story: Story) -> None:
    Story.objects.filter(pk=story.pk).update(published_at=timezone.now() - timedelta(days=3))


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
    "retagged by an applied edit": lambda shelf, settings: retag_by_edit(shelf[0]),
    "tag added": lambda shelf, settings: shelf[1].tags.add("umbrella"),
    "tag removed from a story": lambda shelf, settings: shelf[0].tags.remove("rain"),
    "tags cleared": lambda shelf, settings: shelf[0].tags.clear(),
    "tag deleted": lambda shelf, settings: Tag.objects.get(name="rain").delete(),
    "link moved to another tag": lambda shelf, settings: TaggedStory.objects.filter(
        content_object=shelf[2]
    ).update(tag=Tag.objects.get(name="rain")),
    "re-dated": lambda shelf, settings: redate(shelf[2]),
}


def test_the_kept_lists_start_equal_to_a_fresh_read(shelf):
    assert kept_lists() == fresh_lists()
    assert len(kept_lists()) == 4


@pytest.mark.parametrize("change", CHANGES)
def test_the_kept_lists_equal_a_fresh_read_after(shelf, change, settings):
    before = fresh_lists()

    CHANGES[change](shelf, settings)

    assert kept_lists() == fresh_lists()
    assert fresh_lists() != before, "the change should have changed a list"


def test_a_rebuild_lists_the_same_as_the_triggers(shelf):
    kept = kept_lists()
    TagListing.objects.all().delete()

    tag_lists.install(connection)

    assert kept_lists() == kept


def titles_under(client, slug: str, *extra: str) -> list[str]:
    url = reverse("stories:list") + f"?tag={slug}" + "".join(f"&{e}" for e in extra)
    return card_titles(client.get(url))


def test_a_tag_page_lists_its_published_stories_newest_first(client, shelf):
    rain = Tag.objects.get(name="rain").slug

    assert titles_under(client, rain) == [shelf[1].title, shelf[0].title]


@pytest.mark.parametrize(
    "change", ["published", "withdrawn", "tag removed from a story", "re-dated"]
)
def test_a_tag_page_follows_the_change_at_once(client, shelf, change, settings):
    rain = Tag.objects.get(name="rain").slug
    titles_under(client, rain)  # the page is cached for this content version

    CHANGES[change](shelf, settings)

    expected = Story.objects.published().filter(tags__slug=rain).order_by("-published_at", "-id")
    assert titles_under(client, rain) == [story.title for story in expected]


def test_a_renamed_tag_lists_its_stories_under_its_new_address(client, shelf):
    Tag.objects.filter(name="rain").update(name="Drizzle", slug="drizzle")

    assert titles_under(client, "drizzle") == [shelf[1].title, shelf[0].title]
    assert titles_under(client, "rain") == []


def test_a_tag_page_with_other_filters_keeps_only_the_stories_matching_all(client, shelf):
    rain = Tag.objects.get(name="rain").slug
    Story.objects.filter(pk=shelf[0].pk).update(setting=Story.Setting.RESTAURANT)

    assert titles_under(client, rain, "setting=restaurant") == [shelf[0].title]
    assert titles_under(client, rain, "sort=thanked", "setting=restaurant") == [shelf[0].title]
