"""Site-wide pages: home, about, guidelines, crawler files, the layout and the error pages."""

import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from stories.models import SourceEssay, Story
from tests.factories import StoryFactory

ERROR_URLS = "tests.site.error_urls"
LAYOUT_PAGES = ["home", "about", "guidelines", "stories:list", "stories:practices"]


def page_text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("url_name", [*LAYOUT_PAGES, "robots_txt", "sitemap"])
def test_it_serves_the_public_pages_to_a_visitor(client, db, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 200


def queries_for(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", ["home", "sitemap"])
def test_it_pins_the_query_count_whatever_the_number_of_stories(
    client, db, django_assert_max_num_queries, url_name
):
    url = reverse(url_name)
    StoryFactory()
    client.get(url)  # warm the per-process caches (the current Site, for one)
    with_one_story = queries_for(client, url)
    StoryFactory.create_batch(15)

    with django_assert_max_num_queries(7):
        response = client.get(url)

    assert response.status_code == 200
    assert queries_for(client, url) == with_one_story


def test_it_credits_every_source_essay_on_the_about_page(client, db):
    html = page_text(client.get(reverse("about")))

    about = html[html.index("<main") : html.index("</main>")]
    for essay in SourceEssay.objects.all():
        assert f"<cite>{escape(essay.title)}</cite>" in about


@pytest.mark.parametrize("url_name", [*LAYOUT_PAGES, "account_login", "account_signup"])
def test_it_credits_the_five_essays_in_the_footer_of_every_page(client, db, url_name):
    html = page_text(client.get(reverse(url_name)))

    footer = html[html.index('<footer class="site-footer">') :]
    cited = re.findall(r"<cite>(.*?)</cite>", footer)
    essays = SourceEssay.objects.all()
    assert len(cited) == 6  # the five essays and the airline reader's comment under one of them
    assert cited == [escape(essay.title) for essay in essays]
    for essay in essays:
        if essay.author:
            assert f"by {essay.author}" in footer


def test_it_asks_members_to_protect_the_people_in_their_stories(client, db):
    html = page_text(client.get(reverse("guidelines")))

    assert "No full names." in html
    assert "badge numbers" in html
    assert "face unless that person has agreed" in html


def test_it_offers_a_visitor_log_in_and_sign_up(client, db):
    html = page_text(client.get(reverse("home")))

    assert f'href="{reverse("account_login")}">Log in</a>' in html
    assert f'href="{reverse("account_signup")}">Sign up</a>' in html
    assert f'href="{reverse("accounts:profile")}"' not in html


def test_it_shows_a_member_their_own_menu_instead(author_client, db):
    html = page_text(author_client.get(reverse("home")))

    assert "<summary>Alice</summary>" in html
    assert f'href="{reverse("accounts:profile")}">Settings</a>' in html
    assert f'action="{reverse("account_logout")}"' in html
    assert ">Log in</a>" not in html
    assert ">Sign up</a>" not in html


def test_it_serves_a_friendly_not_found_page_in_the_layout(client, db):
    response = client.get("/no-such-page/")

    html = page_text(response)
    assert response.status_code == 404
    assert "We could not find that page" in html
    assert "Flip the Counter</a>" in html
    assert f'href="{reverse("stories:list")}"' in html


def test_it_answers_not_found_for_a_submitted_story(client, db):
    story = StoryFactory(status=Story.Status.SUBMITTED)

    response = client.get(story.get_absolute_url())

    assert response.status_code == 404
    assert "Stories appear only after a moderator has read them." in page_text(response)


@pytest.mark.urls(ERROR_URLS)
def test_it_serves_a_friendly_forbidden_page_in_the_layout(author_client):
    response = author_client.get("/test-errors/forbidden/")

    html = page_text(response)
    assert response.status_code == 403
    assert "This page is not open to you" in html
    assert "<summary>Alice</summary>" in html
    assert "The essays behind the idea" in html


@pytest.mark.urls(ERROR_URLS)
def test_it_serves_the_server_error_page_without_touching_the_database(
    db, django_assert_num_queries
):
    client = Client(raise_request_exception=False)

    with django_assert_num_queries(0):
        response = client.get("/test-errors/broken/")

    assert response.status_code == 500
    assert "Something went wrong on our side" in page_text(response)


def test_it_renders_the_server_error_template_without_a_request():
    html = render_to_string("500.html")

    assert "Something went wrong on our side" in html
    assert "Flip the Counter</a>" in html
    assert 'href="/"' in html


def test_it_tells_crawlers_to_keep_out_of_private_areas(client, db):
    response = client.get(reverse("robots_txt"))

    lines = page_text(response).splitlines()
    assert response["Content-Type"].startswith("text/plain")
    assert "User-agent: *" in lines
    for private in ["/accounts/", "/moderation/", "/admin/", "/share/", "/my-stories/"]:
        assert f"Disallow: {private}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_it_lists_published_stories_but_not_submitted_ones_in_the_sitemap(client, db):
    published = StoryFactory()
    submitted = StoryFactory(status=Story.Status.SUBMITTED)

    xml = page_text(client.get(reverse("sitemap")))

    assert f"{published.get_absolute_url()}</loc>" in xml
    assert f"{submitted.get_absolute_url()}</loc>" not in xml
    assert f"{reverse('about')}</loc>" in xml


def test_it_gives_sitemap_addresses_on_the_site_robots_txt_announces(client, db):
    StoryFactory()
    robots = page_text(client.get(reverse("robots_txt")))
    sitemap_url = re.search(r"^Sitemap: (\S+)$", robots, re.MULTILINE).group(1)
    origin = sitemap_url.removesuffix(reverse("sitemap")) + "/"

    xml = page_text(client.get(reverse("sitemap")))

    locations = re.findall(r"<loc>(.*?)</loc>", xml)
    assert locations
    assert not any("example.com" in loc for loc in locations), locations[:3]
    assert all(loc.startswith(origin) for loc in locations), (origin, locations[:3])
