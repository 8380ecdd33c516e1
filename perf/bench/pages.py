"""The pages the benchmark times, for a visitor, a signed-in member and a moderator."""

from dataclasses import dataclass

from django.conf import settings
from django.test import Client
from django.utils import timezone

from accounts.models import User
from moderation import queue_pages
from moderation.models import Flag
from moderation.views import QUEUE_PAGE_SIZE
from perf.bench import seed
from stories import paging
from stories.models import Story

FLOOR = "hello (floor)"
LAYOUT = "hello in the site's layout"
PRACTICE = "give-grace"


@dataclass(frozen=True)
class Page:
    label: str
    url: str


def deep_page(stories: int) -> int:
    """Two fifths of the way through the list: page 2,000 of 5,000 at 100,000 stories."""
    return max(2, stories // settings.STORIES_PER_PAGE * 2 // 5)


def deep_position(stories: int) -> str:
    """The deep page's address as a reader reaches it, following "Older" (stories.paging)."""
    deep = deep_page(stories)
    newest_first = Story.objects.published().order_by("-published_at", "-id")
    pk, published_at = newest_first.values_list("pk", "published_at")[
        (deep - 1) * settings.STORIES_PER_PAGE - 1
    ]
    position = paging.Position(order=paging.NEWEST, number=deep, value=published_at, pk=pk)
    return f"/stories/?before={position.token}"


def middle_story(stories: int) -> Story:
    return Story.objects.published().order_by("-published_at", "-id")[stories // 2]


def reader_pages(stories: int, *, someone: User) -> list[Page]:
    """The pages every reader sees; `someone` is the member whose public page is timed."""
    deep = deep_page(stories)
    return [
        Page("home", "/"),
        Page("stories list, page 1", "/stories/"),
        Page(f"stories list, page {deep:,}", deep_position(stories)),
        # The old numbered address of the same depth, still served (bookmarks, search engines).
        Page(f"stories list, ?page={deep:,}", f"/stories/?page={deep}"),
        Page("list by practice", f"/stories/?practice={PRACTICE}"),
        Page("list by tag", "/stories/?tag=bench-tag-7"),
        Page(
            "list, combined filters",
            f"/stories/?practice={PRACTICE}&setting=grocery&perspective=customer",
        ),
        Page("practice page", f"/practices/{PRACTICE}/"),
        Page("practice card", f"/practices/{PRACTICE}/card/"),
        Page("story page", middle_story(stories).get_absolute_url()),
        Page("member page", f"/members/{someone.pk}/"),
        Page("search, common word", f"/search/?q={seed.COMMON_WORD}"),
        Page("search, rare word", f"/search/?q={seed.RARE_WORD}"),
        Page(
            "search, common word with filters",
            f"/search/?q={seed.COMMON_WORD}&practice={PRACTICE}&setting=grocery"
            "&perspective=customer",
        ),
        # A redirect (302), never cached: the pick itself is what is timed.
        Page("a story at random", "/stories/random/"),
    ]


def visitor_pages(stories: int, *, someone: User) -> list[Page]:
    return [
        Page(FLOOR, "/bench/hello/"),
        *reader_pages(stories, someone=someone),
        Page("feed", "/feed/"),
    ]


def baseline() -> list[Page]:
    """The floor and the same greeting inside base.html: what every page pays before its own."""
    return [Page("hello", "/bench/hello/"), Page(LAYOUT, "/bench/layout/")]


def member_pages(stories: int, *, someone: User) -> list[Page]:
    return [
        *reader_pages(stories, someone=someone),
        Page("My stories", "/my-stories/"),
        Page("download my data page", "/accounts/my-data/"),
        Page("delete account page", "/accounts/delete/"),
        Page("My pledges", "/accounts/pledges/"),
    ]


def moderator_pages() -> list[Page]:
    waiting = Story.objects.awaiting_review().order_by("submitted_at", "id").first()
    # A story with an open flag (filtering on flags__resolved_at__isnull alone also matched
    # stories with no flag at all).
    flagged = (
        Story.objects.published().filter(pk__in=Flag.objects.open().values("story_id")).first()
    )
    pages = [
        Page("moderation queue", "/moderation/"),
        Page("flagged queue", "/moderation/flagged/"),
    ]
    # Page 2 by position, as the queue's "Newer" link reaches it (moderation.queue_positions).
    newer = queue_pages.queue_page(size=QUEUE_PAGE_SIZE).newer
    if newer is not None:
        pages.append(Page("moderation queue, page 2", f"/moderation/?after={newer.token}"))
    if waiting is not None:
        pages.append(Page("review page (waiting story)", f"/moderation/stories/{waiting.pk}/"))
    if flagged is not None:
        pages.append(Page("flag review page", f"/moderation/flagged/{flagged.pk}/"))
    return pages


class Publisher:
    """Publishes a story and takes it back again, so every page after it meets a new version.

    The story is a waiting one, published straight in the database (the content-version
    triggers see it as any publish) and put back in the queue afterwards, so the seeded counts
    stay as they were.
    """

    def __init__(self) -> None:
        self.story_id = (
            Story.objects.awaiting_review().order_by("-id").values_list("pk", flat=True).first()
        )

    def publish(self) -> None:
        Story.objects.filter(pk=self.story_id).update(
            status=Story.Status.PUBLISHED, published_at=timezone.now()
        )

    def take_back(self) -> None:
        Story.objects.filter(pk=self.story_id).update(
            status=Story.Status.SUBMITTED, published_at=None
        )


def visitor() -> Client:
    return Client(HTTP_HOST="127.0.0.1")
