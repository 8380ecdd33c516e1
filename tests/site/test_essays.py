"""The source essays: credited from their rows, linked where their public address is known."""

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils.html import escape

from stories.models import Practice, SourceEssay

pytestmark = pytest.mark.django_db

UNLINKED = "how-did-i-do"
# Vandergriff's article has no confirmed public address, so neither has the comment under it.
AIRLINE_COMMENT = "how-did-i-do-airline-comment"


def linked(essay: SourceEssay) -> str:
    return f'<a href="{essay.url}"><cite>{escape(essay.title)}</cite></a>'


def unlinked(essay: SourceEssay) -> str:
    return f"<cite>{escape(essay.title)}</cite>"


def footer_of(response) -> str:
    html = response.content.decode()
    return html[html.index('<footer class="site-footer">') :]


def test_every_essay_but_one_has_its_public_address():
    essays = {essay.key: essay.url for essay in SourceEssay.objects.all()}

    assert len(essays) == 6
    assert essays.pop(UNLINKED) == essays.pop(AIRLINE_COMMENT) == ""
    assert all(url.startswith(("https://", "http://")) for url in essays.values()), essays


def test_the_footer_links_each_essay_to_its_public_address(client):
    footer = footer_of(client.get(reverse("home")))

    for essay in SourceEssay.objects.exclude(key__in=[UNLINKED, AIRLINE_COMMENT]):
        assert linked(essay) in footer
    assert f"<li>{unlinked(SourceEssay.objects.get(key=UNLINKED))} by Michael Vandergriff" in footer


def test_the_footer_shows_an_essay_edited_in_the_admin_once_its_cache_expires(client):
    client.get(reverse("home"))
    SourceEssay.objects.filter(key="leadership-and-main").update(title="Reverse service, revised")

    assert "Reverse service, revised" not in footer_of(client.get(reverse("about")))
    caches["pages"].clear()
    assert "Reverse service, revised" in footer_of(client.get(reverse("about")))


def test_the_footer_reads_the_essays_once_then_from_the_cache(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get(reverse("robots_txt"))  # no footer: nothing read
        client.get(reverse("about"))
    with django_assert_num_queries(0):
        client.get(reverse("guidelines"))


def test_the_practice_list_links_each_source_essay(client):
    response = client.get(reverse("stories:practices"))

    for essay in SourceEssay.objects.exclude(key__in=[UNLINKED, AIRLINE_COMMENT]):
        assert linked(essay) in response.content.decode()
    assert "from <cite>Flipping Service; How Did I Do as Your Customer?</cite></p>" in (
        response.content.decode()
    )


def test_a_practice_page_links_its_source_essays(client):
    practice = Practice.objects.get(slug="build-a-partnership")

    response = client.get(practice.get_absolute_url())

    html = response.content.decode()
    start = html.index("Where it comes from")
    sources = html[start : html.index("</section>", start)]
    for essay in practice.sources.exclude(key=UNLINKED):
        assert f"<li>{linked(essay)}" in sources
    assert f"<li>{unlinked(practice.sources.get(key=UNLINKED))} by Michael Vandergriff" in sources
