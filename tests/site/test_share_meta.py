"""Link previews: Open Graph tags and a canonical link on every page, a full card on stories."""

import json

import pytest
from django.conf import settings

from stories.models import Story
from stories.views.share import share_image_url
from tests.factories import StoryFactory
from tests.pages import parse

pytestmark = pytest.mark.django_db

OG_PROPERTIES = ["og:title", "og:description", "og:url", "og:type", "og:site_name"]


def meta(page, prop: str) -> str | None:
    found = page.find("meta", property=prop) or page.find("meta", name=prop)
    return found.attrs["content"] if found else None


def canonical(page) -> str:
    [link] = page.find_all("link", rel="canonical")
    return link.attrs["href"]


def json_ld(page) -> dict:
    [block] = page.find_all("script", type="application/ld+json")
    return json.loads(block.inner_html)


@pytest.fixture
def pages(author, published_story):
    return {
        "home": "/",
        "story list": "/stories/",
        "practice list": "/practices/",
        "practice": "/practices/smile-first/",
        "practice card": "/practices/smile-first/card/",
        "story": published_story.get_absolute_url(),
        "member": f"/members/{author.pk}/",
        "search": "/search/?q=dana",
        "about": "/about/",
        "guidelines": "/guidelines/",
        "log in": "/accounts/login/",
        "contact": "/contact/",
    }


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "story list",
        "practice list",
        "practice",
        "practice card",
        "story",
        "member",
        "search",
        "about",
        "guidelines",
        "log in",
        "contact",
    ],
)
def test_every_page_has_open_graph_tags_and_a_canonical_link(visitor, pages, name):
    response = visitor.get(pages[name])

    assert response.status_code == 200
    page = parse(response)
    for prop in OG_PROPERTIES:
        assert meta(page, prop), prop
    address = canonical(page)
    assert address.startswith(settings.SITE_URL + "/")
    assert meta(page, "og:url") == address
    assert meta(page, "og:site_name") == "Flip the Counter"


def test_pages_name_themselves_in_their_preview(visitor, published_story):
    practice = parse(visitor.get("/practices/smile-first/"))
    story = parse(visitor.get(published_story.get_absolute_url()))

    assert meta(practice, "og:title") == "Smile first"
    assert meta(practice, "og:type") == "website"
    assert meta(story, "og:title") == "Thank you, Dana"
    assert meta(story, "og:type") == "article"


def test_the_canonical_address_uses_the_public_address_not_the_requests_host(visitor, settings):
    settings.SITE_URL = "https://flipthecounter.example"
    settings.ALLOWED_HOSTS = ["*"]

    page = parse(visitor.get("/practices/", HTTP_HOST="evil.example"))

    assert canonical(page) == "https://flipthecounter.example/practices/"


def test_a_list_keeps_only_the_parameters_that_change_what_it_shows(visitor):
    page = parse(
        visitor.get(
            "/stories/?utm_source=mail&sort=thanked&page=1&tag=night-shift&practice=smile-first"
            "&fbclid=abc"
        )
    )

    assert canonical(page) == (
        f"{settings.SITE_URL}/stories/?practice=smile-first&tag=night-shift&sort=thanked"
    )


def test_the_newest_first_list_and_search_drop_their_default_values(visitor):
    listing = parse(visitor.get("/stories/?sort=newest&page=1"))
    search = parse(visitor.get("/search/?q=dana&page=1&ref=home"))

    assert canonical(listing) == f"{settings.SITE_URL}/stories/"
    assert canonical(search) == f"{settings.SITE_URL}/search/?q=dana"


def test_a_story_page_has_a_large_image_card_with_size_and_alt(visitor, published_story):
    page = parse(visitor.get(published_story.get_absolute_url()))

    story = Story.objects.get(pk=published_story.pk)
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "og:image") == settings.SITE_URL + share_image_url(story)
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    assert "Thank you, Dana" in meta(page, "og:image:alt")


def test_a_story_page_describes_itself_as_an_article(visitor, author, published_story):
    page = parse(visitor.get(published_story.get_absolute_url()))

    article = json_ld(page)
    story = Story.objects.get(pk=published_story.pk)
    assert article["@type"] == "Article"
    assert article["headline"] == "Thank you, Dana"
    assert article["datePublished"].startswith(str(story.published_at.date()))
    assert article["author"] == {
        "@type": "Person",
        "name": "Alice",
        "url": settings.SITE_URL + author.get_absolute_url(),
    }
    assert article["image"] == [settings.SITE_URL + share_image_url(story)]
    assert article["publisher"]["name"] == "Flip the Counter"
    assert article["mainEntityOfPage"] == canonical(page)


def test_an_anonymous_storys_structured_data_names_no_one(visitor, author):
    story = StoryFactory(author=author, is_anonymous=True, title="Quietly grateful")

    response = visitor.get(story.get_absolute_url())

    assert json_ld(parse(response))["author"] == {"@type": "Person", "name": "Anonymous"}
    assert "Alice" not in response.content.decode()
    assert f"/members/{author.pk}/" not in response.content.decode()


def test_an_unpublished_story_preview_carries_no_sharing_card(author_client, waiting_story):
    page = parse(author_client.get(waiting_story.get_absolute_url()))

    assert meta(page, "robots") == "noindex"
    assert page.find_all("script", type="application/ld+json") == []
    assert meta(page, "og:image") is None
    assert page.find(cls="copy-link") is None


def test_a_story_page_has_a_copy_link_that_works_without_javascript(visitor, published_story):
    page = parse(visitor.get(published_story.get_absolute_url()))

    link = page.find("a", **{"data-copy-link": "copy-link-status"})
    assert link.text == "Copy link"
    assert link.attrs["href"] == settings.SITE_URL + published_story.get_absolute_url()
    assert page.find(id="copy-link-status").attrs["role"] == "status"
    assert page.find("script", src="/static/js/share.js") is not None
