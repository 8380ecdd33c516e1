from django.contrib.sitemaps.views import sitemap
from django.urls import path, register_converter

from stories.caching import cached_for_visitors
from stories.feeds import LatestStoriesFeed, PracticeFeed
from stories.sitemaps import SITEMAPS
from stories.views import authors, cards, discover, readers, share


class PhotoSizeConverter:
    regex = "display|thumb"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PhotoSizeConverter, "photo_size")

app_name = "stories"

urlpatterns = [
    path("stories/", readers.story_list, name="list"),
    path("stories/random/", discover.at_random, name="random"),
    path("stories/<int:pk>-<slug:slug>/", readers.story_detail, name="detail"),
    path("stories/<int:pk>/thank/", authors.thank, name="thank"),
    path("stories/<int:pk>/share-<slug:key>.png", share.share_image, name="share_image"),
    path("practices/", readers.practice_list, name="practices"),
    path("practices/<slug:slug>/", readers.practice_detail, name="practice"),
    path("practices/<slug:slug>/card/", cards.practice_card, name="practice_card"),
    path(
        "practices/<slug:slug>/feed/",
        cached_for_visitors(PracticeFeed()),
        name="practice_feed",
    ),
    path("members/<int:pk>/", readers.member, name="member"),
    path("search/", readers.search_stories, name="search"),
    path("photos/<slug:key>/<photo_size:size>.jpg", readers.photo, name="photo"),
    path("feed/", cached_for_visitors(LatestStoriesFeed()), name="feed"),
    path("share/", authors.share, name="share"),
    path("my-stories/", authors.mine, name="mine"),
    path("my-stories/<int:pk>/edit/", authors.edit, name="edit"),
    path("my-stories/<int:pk>/withdraw/", authors.withdraw, name="withdraw"),
    path("my-stories/<int:pk>/delete/", authors.delete, name="delete"),
]

# These live at the site root under fixed names that crawlers look for.
root_urlpatterns = [
    path("", readers.home, name="home"),
    path("robots.txt", readers.robots_txt, name="robots_txt"),
    path("sitemap.xml", cached_for_visitors(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
]
