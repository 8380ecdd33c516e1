"""The layout's constant parts are made once per process (kindness.kept): the argument-less links,
the header, the member menu and the footer. What a reader sees is what Django renders afresh,
under whatever script prefix each request comes with, and every member's menu is their own."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.handlers.wsgi import get_script_name
from django.template import Context, Template
from django.template.loader import get_template
from django.test import Client, RequestFactory
from django.test.client import ClientHandler
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils.html import escape

from kindness import context_processors, kept
from stories import holes
from tests.factories import UserFactory
from tests.pages import parse

pytestmark = pytest.mark.django_db


class ScriptNameHandler(ClientHandler):
    """The test client's handler, taking the script prefix from each request's SCRIPT_NAME (or
    FORCE_SCRIPT_NAME) as Django's WSGIHandler does in production."""

    def get_response(self, request):
        set_script_prefix(get_script_name(request.environ))
        try:
            return super().get_response(request)
        finally:
            set_script_prefix("/")


def client_under(prefix: str, user=None) -> Client:
    client = Client(SCRIPT_NAME=prefix)
    client.handler = ScriptNameHandler(enforce_csrf_checks=False)
    if user is not None:
        client.force_login(user)
    return client


def site_links(response) -> list[str]:
    """Every link and form address on the page (static files are Django's own affair)."""
    page = parse(response)
    links = [element.attrs["href"] for element in page.find_all("a") if "href" in element.attrs]
    links += [form.attrs["action"] for form in page.find_all("form") if form.attrs.get("action")]
    return [link for link in links if link.startswith("/") and not link.startswith("#")]


def fresh_menu(request) -> str:
    """The member menu as its template renders it for this request, nothing kept."""
    context = {"request": request, "user": request.user, "csrf_token": holes.csrf_token(request)}
    return get_template("includes/_member_menu.html").render(context)


def request_for(user):
    request = RequestFactory().get("/my-stories/")
    request.user = user
    return request


@pytest.mark.parametrize("url", ["/stories/", "/my-stories/", "/practices/"])
def test_each_request_gets_links_under_its_own_script_prefix(other_member, url):
    plain, prefixed = client_under(""), client_under("/kindness")
    for client in (plain, prefixed):
        client.force_login(other_member)

    for _ in range(2):  # kept from the first round, read again in the second
        under_prefix = site_links(prefixed.get(url))
        without = site_links(plain.get(url))

        assert under_prefix and all(link.startswith("/kindness/") for link in under_prefix)
        assert f"/kindness/members/{other_member.pk}/" in under_prefix
        assert "/kindness/accounts/logout/" in under_prefix
        assert without and not any(link.startswith("/kindness") for link in without)
        assert f"/members/{other_member.pk}/" in without


def test_a_visitor_gets_links_under_the_script_prefix_too():
    for _ in range(2):
        links = site_links(client_under("/kindness").get("/stories/"))
        assert "/kindness/accounts/login/" in links and "/kindness/about/" in links
        assert "/accounts/login/" in site_links(client_under("").get("/stories/"))


def test_links_follow_the_forced_script_name(settings, other_member):
    client_under("", other_member).get("/my-stories/")
    settings.FORCE_SCRIPT_NAME = "/forced"

    links = site_links(client_under("", other_member).get("/my-stories/"))

    assert links and all(link.startswith("/forced/") for link in links)


@pytest.mark.parametrize(
    "name", ["Bob", "", '<b>Eve & "co"</b>', "O'Neil", "9176430182593", "<csrf-token>"]
)
def test_the_kept_member_menu_is_what_the_template_renders_for_the_member(name):
    member = UserFactory(display_name=name)
    request = request_for(member)

    menu = holes.member_menu_markup(request)

    assert menu == fresh_menu(request)
    assert f'href="/members/{member.pk}/"' in menu
    assert parse(menu).find("summary").text == (name or "A member")


def test_the_kept_visitor_menu_is_what_the_template_renders():
    request = request_for(AnonymousUser())
    assert holes.member_menu_markup(request) == fresh_menu(request)


def test_two_members_each_get_their_own_menu_on_a_page_rendered_for_each(other_member):
    carol = UserFactory(display_name="Carol")
    bob, carols = client_under("", other_member), client_under("", carol)

    for _ in range(2):
        bobs_page, carols_page = bob.get("/my-stories/"), carols.get("/my-stories/")

        assert parse(bobs_page).find("summary").text == "Bob"
        assert parse(carols_page).find("summary").text == "Carol"
        assert f"/members/{other_member.pk}/" in site_links(bobs_page)
        assert f"/members/{other_member.pk}/" not in site_links(carols_page)
        assert f"/members/{carol.pk}/" in site_links(carols_page)


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/stories/", "Stories"),
        ("/practices/", "Practices"),
        ("/search/", "Search"),
        ("/my-stories/", None),
        ("/stories/", "Stories"),
    ],
)
def test_the_header_marks_the_section_the_reader_is_in(other_member, url, current):
    client = client_under("", other_member)
    client.get("/search/")  # another page's header kept first

    nav = parse(client.get(url)).find("nav", cls="site-nav")

    marked = [link.text for link in nav.find_all("a") if link.attrs.get("aria-current")]
    assert marked == ([current] if current else [])


def test_an_argument_less_link_is_the_address_django_reverses():
    template = Template("{% url 'stories:list' %} {% url 'stories:member' pk=7 %}")
    for _ in range(2):
        assert template.render(Context()) == f"{reverse('stories:list')} /members/7/"


def test_a_name_without_an_address_still_fails_as_with_django():
    quiet = Template("{% url 'no-such-page' as address %}[{{ address }}]")
    loud = Template("{% url 'no-such-page' %}")
    for _ in range(2):
        assert quiet.render(Context()) == "[]"
        with pytest.raises(NoReverseMatch):
            loud.render(Context())


def test_a_changed_urlconf_reverses_afresh(settings):
    template = Template("{% url 'bench_hello' as address %}[{{ address }}]")
    assert template.render(Context()) == "[]"

    settings.ROOT_URLCONF = "perf.urls"

    assert template.render(Context()) == "[/bench/hello/]"


def test_another_process_filling_the_essays_cache_costs_this_one_no_query(
    client, django_assert_num_queries
):
    client.get(reverse("about"))
    context_processors._ESSAYS.clear()  # as in a process that did not read them itself
    kept.forget()

    with django_assert_num_queries(0):
        essays = context_processors.source_essays()
        footer = context_processors.site_footer()

    assert essays and all(escape(essay.title) in footer for essay in essays)
