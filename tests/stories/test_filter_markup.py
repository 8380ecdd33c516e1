"""The filters' markup comes from a cache keyed on what it shows (stories.filter_markup)."""

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.urls import reverse

from stories.filter_markup import filter_fields
from stories.forms import ListFilterForm, SearchForm
from stories.models import Practice
from tests.pages import parse

pytestmark = pytest.mark.django_db

AS_THE_FORM_RENDERS = Template(
    "{% for field in form.visible_fields %}{% if field.name != skip %}"
    '<div class="field">{{ field.label_tag }}{{ field }}{{ field.errors }}</div>'
    "{% endif %}{% endfor %}{% for field in form.hidden_fields %}{{ field }}{% endfor %}"
)


def plain(html: str) -> str:
    return "".join(html.split())


def form_of(form_class, query: str):
    form = form_class(QueryDict(query) or None)
    form.is_valid()
    return form


@pytest.mark.parametrize(
    ("form_class", "query", "skip"),
    [
        (ListFilterForm, "", ""),
        (ListFilterForm, "practice=give-grace&setting=grocery&sort=thanked&tag=counter", ""),
        (ListFilterForm, "practice=no-such-practice&setting=moon&tag=not%20a%20slug", ""),
        (SearchForm, "q=thanks&perspective=worker", "q"),
    ],
)
def test_it_shows_what_the_form_itself_renders(form_class, query, skip):
    context = Context({"form": form_of(form_class, query), "skip": skip})
    expected = AS_THE_FORM_RENDERS.render(context)

    first = filter_fields(form_of(form_class, query), skip=skip)
    again = filter_fields(form_of(form_class, query), skip=skip)

    assert plain(first) == plain(again) == plain(expected)


def test_it_keeps_the_chosen_practice_selected(visitor):
    page = parse(visitor.get(reverse("stories:list") + "?practice=give-grace"))

    selected = page.find("select", name="practice").find("option", selected="")
    assert selected.attrs["value"] == "give-grace"


def test_a_renamed_practice_is_renamed_in_the_filters(visitor):
    visitor.get(reverse("stories:list"))
    Practice.objects.filter(slug="give-grace").update(name="Give grace, always")

    page = parse(visitor.get(reverse("stories:list")))

    names = [option.text for option in page.find("select", name="practice").find_all("option")]
    assert "Give grace, always" in names


def test_an_unknown_practice_shows_its_error_in_the_filters(visitor):
    page = parse(visitor.get(reverse("stories:list") + "?practice=no-such-practice"))

    assert "Select a valid choice" in page.find("form", cls="filters").text
