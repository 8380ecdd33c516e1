"""The Atom feeds of the latest stories, on the site and per practice.

A feed is rendered afresh after every publish (its page cache follows the content version). Its
twenty stories are read as plain values by a statement built once per process
(kindness.statements) rather than as story and author models, and the document is written to the
response in one piece: Django's generator writes each tag and text to the response, several
hundred writes a feed.
"""

import io
from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from accounts.models import public_name
from kindness.statements import Statement, as_datetime
from stories.addresses import StoryAddress
from stories.models import Practice, Story
from stories.text import plain_excerpt

FEED_SIZE = 20
_SHOWN = ("pk", "title", "body", "is_anonymous", "author__display_name", "published_at")


@dataclass(frozen=True)
class FeedItem(StoryAddress):
    pk: int
    title: str
    body: str
    byline: str
    published_at: datetime
    updated_at: datetime


def _newest(stories):
    return stories.order_by("-published_at", "-id").values_list(*_SHOWN, "updated_at")[:FEED_SIZE]


_LATEST = Statement(lambda: _newest(Story.objects.published()))
_OF_PRACTICE = Statement(
    lambda practice_id: _newest(Story.objects.published().filter(practices__id=practice_id)),
    practice_id=int,
)


def _items(rows) -> list[FeedItem]:
    return [
        FeedItem(
            pk=pk,
            title=title,
            body=body,
            byline="Anonymous" if anonymous else public_name(name),
            published_at=as_datetime(published_at),
            updated_at=as_datetime(updated_at),
        )
        for pk, title, body, anonymous, name, published_at, updated_at in rows
    ]


class _WrittenOnce(Atom1Feed):
    def write(self, outfile, encoding):
        document = io.StringIO()
        super().write(document, encoding)
        outfile.write(document.getvalue())


class LatestStoriesFeed(Feed):
    feed_type = _WrittenOnce
    title = "Flip the Counter: the latest stories"
    subtitle = "True stories of reverse customer service."

    def link(self) -> str:
        return reverse("stories:list")

    def items(self) -> list[FeedItem]:
        return _items(_LATEST.rows())

    def item_title(self, item: FeedItem) -> str:
        return item.title

    def item_description(self, item: FeedItem) -> str:
        return plain_excerpt(item.body, 80)

    def item_author_name(self, item: FeedItem) -> str:
        return item.byline

    def item_pubdate(self, item: FeedItem):
        return item.published_at

    def item_updateddate(self, item: FeedItem):
        return item.updated_at


class PracticeFeed(LatestStoriesFeed):
    def get_object(self, request, slug: str) -> Practice:
        return get_object_or_404(Practice, slug=slug)

    def title(self, practice: Practice) -> str:
        return f"Flip the Counter: stories of “{practice.name}”"

    def link(self, practice: Practice) -> str:
        return practice.get_absolute_url()

    def subtitle(self, practice: Practice) -> str:
        return practice.description

    def items(self, practice: Practice) -> list[FeedItem]:
        return _items(_OF_PRACTICE.rows(practice_id=practice.pk))
