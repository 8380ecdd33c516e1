"""The practice page reads its pledge counts from one kept row, however many pledged."""

import pytest
from django.core.cache import caches

from kindness.context_processors import source_essays
from pledges.services import set_pledge
from stories.models import Story
from tests.factories import StoryFactory, UserFactory

pytestmark = pytest.mark.django_db

# Measured when written: the page's own queries (the practice with its essays and its count in
# one: stories.practice_page), one for the pledge hole (the kept counts and, for a member,
# whether they pledged: pledges.holes), and the content version, which for a member comes with
# their session and their user (one query: kindness.signed_in).
SIGNED_OUT = 7
SIGNED_IN = 6


def pledge_with_stories(practice, people: int) -> None:
    for index in range(people):
        pledge = set_pledge(member=UserFactory(), practice=practice, trying=True)
        if index % 2 == 0:
            StoryFactory(author=pledge.member, pledge=pledge, practices=[practice])
        else:
            StoryFactory(author=pledge.member, practices=[practice], status=Story.Status.DRAFT)


@pytest.mark.parametrize("people", [2, 12])
def test_the_practice_page_signed_out_runs_a_fixed_number_of_queries(
    visitor, practice, people, django_assert_num_queries
):
    pledge_with_stories(practice, people)
    visitor.get(practice.get_absolute_url())
    caches["pages"].clear()

    with django_assert_num_queries(SIGNED_OUT):
        response = visitor.get(practice.get_absolute_url())

    assert response.status_code == 200


@pytest.mark.parametrize("people", [2, 12])
def test_the_practice_page_signed_in_runs_a_fixed_number_of_queries(
    author_client, author, practice, people, pledge_of, django_assert_num_queries
):
    pledge_with_stories(practice, people)
    pledge_of(author)
    author_client.get(practice.get_absolute_url())
    caches["pages"].clear()
    source_essays()

    with django_assert_num_queries(SIGNED_IN):
        response = author_client.get(practice.get_absolute_url())

    assert "I'm trying this" in response.content.decode()
