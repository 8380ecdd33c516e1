from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from stories.models import Practice, Story


class StorySitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Story.objects.published().only("pk", "title", "updated_at").order_by("-id")

    def lastmod(self, story: Story):
        return story.updated_at


class PracticeSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Practice.objects.all()


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self) -> list[str]:
        return ["home", "stories:list", "stories:practices", "about", "guidelines"]

    def location(self, name: str) -> str:
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "practices": PracticeSitemap, "stories": StorySitemap}
