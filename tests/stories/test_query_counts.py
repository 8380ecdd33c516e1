"""Every reader and author page runs the same number of queries with 5 stories as with 50."""

import pytest
from django.core.cache import caches
from django.db import connection

from stories.models import Story
from stories.thanks import toggle_thanks
from tests.factories import (
    StoryFactory,
    StoryPhotoFactory,
    StoryRevisionFactory,
    image_upload,
)
from tests.stories.helpers import count_queries

PRACTICES = ["see-the-person", "smile-first", "ask-how-are-you", "say-thank-you", "be-patient"]
SETTINGS = [Story.Setting.GROCERY, Story.Setting.AIRLINE, Story.Setting.HOTEL]

# Ceilings: what the pages measured when these tests were written, plus a little headroom, so a
# slow creep shows up here before it shows up in production.
SIGNED_OUT_CEILING = 12
SIGNED_IN_CEILING = 16

PAGES = {
    "home": lambda shelf: "/",
    "story list": lambda shelf: "/stories/",
    "story list, filtered": lambda shelf: (
        "/stories/?practice=smile-first&setting=grocery&perspective=customer&tag=kindness"
    ),
    "story list, most thanked": lambda shelf: "/stories/?sort=thanked",
    "story detail": lambda shelf: shelf.first.get_absolute_url(),
    "practice list": lambda shelf: "/practices/",
    "practice page": lambda shelf: "/practices/smile-first/",
    "member page": lambda shelf: f"/members/{shelf.author.pk}/",
    "search": lambda shelf: "/search/?q=courier",
    "feed": lambda shelf: "/feed/",
    "practice feed": lambda shelf: "/practices/smile-first/feed/",
    "sitemap": lambda shelf: "/sitemap.xml",
}


class Shelf:
    """Published stories by the author and another member, grown to a given size.

    Each story has two practices and three tags, every fourth a photo and every third a thanks
    from the reader; the author also has drafts, a story sent back with a note and a pending edit,
    so My stories shows every kind of row.
    """

    def __init__(self, *, author, other_member, reader):
        self.author = author
        self.other_member = other_member
        self.reader = reader
        self.stories: list[Story] = []
        self.first = None

    def grow_to(self, size: int) -> None:
        while len(self.stories) < size:
            self._add(len(self.stories))

    def _add(self, index: int) -> None:
        writer = self.author if index % 2 == 0 else self.other_member
        photo = (
            StoryPhotoFactory(owner=writer, upload=image_upload(size=(64, 48)))
            if index % 4 == 0
            else None
        )
        story = StoryFactory(
            author=writer,
            title=f"The courier at door {index}",
            body="The courier smiled when I asked how the round was going.",
            setting=SETTINGS[index % len(SETTINGS)],
            practices=["smile-first", PRACTICES[index % len(PRACTICES)]]
            if PRACTICES[index % len(PRACTICES)] != "smile-first"
            else ["smile-first", "give-grace"],
            tags=["kindness", f"round-{index % 4}", f"door-{index % 3}"],
            photo=photo,
            photo_alt="A doorstep" if photo else "",
            thanks_count=index % 7,
            is_anonymous=index % 5 == 0,
        )
        if index % 3 == 0 and writer != self.reader:
            toggle_thanks(story=story, member=self.reader)
        if index % 5 == 1:
            StoryFactory(author=self.author, status=Story.Status.DRAFT, title=f"Draft {index}")
        if index % 5 == 2:
            StoryFactory(
                author=self.author,
                status=Story.Status.CHANGES_REQUESTED,
                moderator_note="Please shorten the last paragraph.",
            )
        if index % 5 == 3 and writer == self.author:
            StoryRevisionFactory(
                story=story, title=f"Edited {index}", practice_slugs=["smile-first"]
            )
        self.stories.append(story)
        self.first = self.first or story


@pytest.fixture
def shelf(author, other_member):
    return Shelf(author=author, other_member=other_member, reader=author)


def measure_at_5_and_50(client, shelf, url_for, ceiling, num_queries, max_num_queries):
    shelf.grow_to(5)
    url = url_for(shelf)
    client.get(url)  # warm caches that are per process, such as the current Site
    # Each measurement renders the page: a signed-out visitor may otherwise get a cached copy.
    # A kept search (stories.search_kept) is made afresh too, so both searches take one path.
    caches["pages"].clear()
    caches["search"].clear()
    small = count_queries(connection, lambda: client.get(url))

    shelf.grow_to(50)
    caches["pages"].clear()
    caches["search"].clear()
    with max_num_queries(ceiling), num_queries(small):
        response = client.get(url)
    assert response.status_code == 200
    return small


@pytest.mark.django_db
@pytest.mark.parametrize("page_name", list(PAGES))
def test_a_page_signed_out_runs_a_fixed_number_of_queries(
    page_name, visitor, shelf, django_assert_num_queries, django_assert_max_num_queries
):
    measured = measure_at_5_and_50(
        visitor,
        shelf,
        PAGES[page_name],
        SIGNED_OUT_CEILING,
        django_assert_num_queries,
        django_assert_max_num_queries,
    )
    print(f"\nQUERIES signed out | {page_name} | {measured}")


@pytest.mark.django_db
@pytest.mark.parametrize("page_name", [*PAGES, "my stories"])
def test_a_page_signed_in_runs_a_fixed_number_of_queries(
    page_name, author_client, shelf, django_assert_num_queries, django_assert_max_num_queries
):
    url_for = PAGES.get(page_name, lambda shelf: "/my-stories/")
    measured = measure_at_5_and_50(
        author_client,
        shelf,
        url_for,
        SIGNED_IN_CEILING,
        django_assert_num_queries,
        django_assert_max_num_queries,
    )
    print(f"\nQUERIES signed in | {page_name} | {measured}")


@pytest.mark.django_db
def test_the_story_detail_of_another_members_story_signed_in_stays_fixed(
    login, author, shelf, django_assert_num_queries, django_assert_max_num_queries
):
    """The reader's own thanks are looked up once, whoever wrote the story."""
    measured = measure_at_5_and_50(
        login(author),
        shelf,
        lambda shelf: shelf.stories[1].get_absolute_url(),
        SIGNED_IN_CEILING,
        django_assert_num_queries,
        django_assert_max_num_queries,
    )
    print(f"\nQUERIES signed in | story detail (another member's) | {measured}")
