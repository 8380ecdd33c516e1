from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from stories.models import Practice, Story
from stories.text import plain_excerpt

FEED_SIZE = 20


class LatestStoriesFeed(Feed):
    feed_type = Atom1Feed
    title = "Flip the Counter: the latest stories"
    subtitle = "True stories of reverse customer service."

    def link(self) -> str:
        return reverse("stories:list")

    def items(self):
        return (
            Story.objects.published()
            .select_related("author")
            .order_by("-published_at", "-id")[:FEED_SIZE]
        )

    def item_title(self, item: Story) -> str:
        return item.title

    def item_description(self, item: Story) -> str:
        return plain_excerpt(item.body, 80)

    def item_author_name(self, item: Story) -> str:
        return item.byline

    def item_pubdate(self, item: Story):
        return item.published_at

    def item_updateddate(self, item: Story):
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

    def items(self, practice: Practice):
        return (
            Story.objects.published()
            .filter(practices=practice)
            .select_related("author")
            .order_by("-published_at", "-id")[:FEED_SIZE]
        )
