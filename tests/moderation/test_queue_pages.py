"""The queue's page links say which way time runs; the review history counts from the first."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation import decisions, views
from moderation.models import Flag
from stories.models import Story
from tests.factories import StoryFactory, UserFactory
from tests.moderation.helpers import review_and_decide, story_form

QUEUE = reverse("moderation:queue")


class PageLinks(HTMLParser):
    """The rel="prev" and rel="next" links of the pagination, as a reader sees them."""

    def __init__(self):
        super().__init__()
        self.links: dict[str, str] = {}
        self._rel: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("rel") in ("prev", "next"):
            self._rel = attrs["rel"]

    def handle_data(self, data):
        if self._rel:
            self.links[self._rel] = data.strip()
            self._rel = None


def page_links(response) -> dict[str, str]:
    parser = PageLinks()
    parser.feed(response.content.decode())
    return parser.links


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(views, "QUEUE_PAGE_SIZE", 2)


def test_the_queue_is_oldest_first_so_the_next_page_is_newer(
    moderator_client, submitted_story, small_pages
):
    now = timezone.now()
    for hours in [5, 4, 3, 2, 1]:
        submitted_story(title=f"Sent {hours} h ago", submitted_at=now - timedelta(hours=hours))

    first = moderator_client.get(QUEUE)
    middle = moderator_client.get(QUEUE, {"page": 2})
    last = moderator_client.get(QUEUE, {"page": 3})

    assert [item.title for item in first.context["items"]] == ["Sent 5 h ago", "Sent 4 h ago"]
    assert page_links(first) == {"next": "Newer →"}
    assert page_links(middle) == {"prev": "← Older", "next": "Newer →"}
    assert page_links(last) == {"prev": "← Older"}


def test_the_flagged_queue_pages_by_number_of_flags(moderator_client, small_pages):
    for flags in [3, 2, 1]:
        story = StoryFactory(title=f"{flags} flags")
        for _ in range(flags):
            Flag.objects.create(story=story, member=UserFactory(), reason="spam")

    first = moderator_client.get(reverse("moderation:flagged"))
    second = moderator_client.get(reverse("moderation:flagged"), {"page": 2})

    assert page_links(first) == {"next": "Next page →"}
    assert page_links(second) == {"prev": "← Previous page"}


def test_story_lists_are_newest_first_and_keep_their_links(visitor, settings, db):
    settings.STORIES_PER_PAGE = 2
    StoryFactory.create_batch(3)

    response = visitor.get(reverse("stories:list"))

    assert page_links(response) == {"next": "Older →"}


class HistoryItems(HTMLParser):
    """The review history list: whether it counts down, and each item's action."""

    def __init__(self):
        super().__init__()
        self.reversed: bool | None = None
        self.actions: list[str] = []
        self._in_history = self._in_action = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ol" and attrs.get("class") == "history":
            self._in_history, self.reversed = True, "reversed" in attrs
        elif tag == "strong" and self._in_history:
            self._in_action = True

    def handle_endtag(self, tag):
        if tag == "ol":
            self._in_history = False

    def handle_data(self, data):
        if self._in_action:
            self.actions.append(data.strip())
            self._in_action = False


def test_the_history_numbers_the_first_decision_1_and_shows_the_newest_first(
    moderator_client, author_client, waiting_story
):
    review_and_decide(moderator_client, waiting_story, action="request_changes", note="Which shop?")
    author_client.post(
        reverse("stories:edit", kwargs={"pk": waiting_story.pk}),
        story_form(waiting_story, body="At the corner shop, she stayed after her shift."),
    )
    review_and_decide(moderator_client, Story.objects.get(pk=waiting_story.pk), action="approve")

    response = moderator_client.get(reverse("moderation:review", kwargs={"pk": waiting_story.pk}))
    history = HistoryItems()
    history.feed(response.content.decode())

    # A reversed list numbers its last item 1: the first decision ever made.
    assert history.reversed is True
    assert history.actions == ["Approved", "Asked for changes"]


def test_flagging_history_counts_the_same_way(moderator_client, settings, published_story):
    settings.FLAGS_TO_HIDE = 1
    decisions.flag_story(story=published_story, member=UserFactory(), reason="spam")
    decisions.resolve_flags(story=published_story, moderator=UserFactory(), keep=True)

    response = moderator_client.get(
        reverse("moderation:review_flags", kwargs={"pk": published_story.pk})
    )
    history = HistoryItems()
    history.feed(response.content.decode())

    assert history.reversed is True
    assert history.actions == ["Kept published after flags", "Hidden after community flags"]
