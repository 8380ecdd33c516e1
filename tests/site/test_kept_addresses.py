"""Addresses with arguments written from a pattern reversed once (kindness.kept_addresses) are
the addresses reverse() gives, under any script prefix; values reverse() would quote or refuse
still go through reverse()."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from stories.addresses import PRACTICE_ADDRESS, STORY_ADDRESS, THUMBNAIL_ADDRESS


@pytest.fixture
def under_prefix():
    set_script_prefix("/kindness/")
    yield
    set_script_prefix("/")


@pytest.mark.parametrize(
    ("pk", "slug"), [(1, "story"), (987_654_321, "thanks-at-the-till"), (12, "a_b-C9")]
)
def test_a_story_address_is_the_reversed_one(pk, slug):
    expected = reverse("stories:detail", kwargs={"pk": pk, "slug": slug})

    assert STORY_ADDRESS(pk=pk, slug=slug) == expected
    assert STORY_ADDRESS.writer()(pk=pk, slug=slug) == expected


def test_a_practice_and_a_thumbnail_address_are_the_reversed_ones():
    assert PRACTICE_ADDRESS(slug="smile-first") == reverse(
        "stories:practice", kwargs={"slug": "smile-first"}
    )
    assert THUMBNAIL_ADDRESS(key="k3y_9-x") == reverse(
        "stories:photo", kwargs={"key": "k3y_9-x", "size": "thumb"}
    )


def test_an_address_follows_the_script_prefix_of_the_request(under_prefix):
    address = STORY_ADDRESS(pk=5, slug="tea")

    assert address == "/kindness/stories/5-tea/"
    assert address == reverse("stories:detail", kwargs={"pk": 5, "slug": "tea"})


@pytest.mark.parametrize(
    ("pk", "slug"), [(-1, "tea"), (5, "café"), (5, "a b"), (5, ""), ("5", "tea"), (True, "tea")]
)
def test_a_value_reverse_would_quote_or_refuse_is_answered_by_reverse(pk, slug):
    try:
        expected = reverse("stories:detail", kwargs={"pk": pk, "slug": slug})
    except NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            STORY_ADDRESS(pk=pk, slug=slug)
    else:
        assert STORY_ADDRESS(pk=pk, slug=slug) == expected
