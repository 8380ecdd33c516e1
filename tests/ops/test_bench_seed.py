"""The benchmark's seeder (perf.bench.seed): the shape of what it writes, on either database, and
search finding the seeded stories (their search vectors and indexes are built after the load)."""

import pytest
from django.db.models import Count

from perf.bench import seed
from pledges.models import Pledge, PledgeTally
from stories.models import Story
from stories.search import find

pytestmark = pytest.mark.django_db(transaction=True)

PUBLISHED = 200


@pytest.fixture
def seeded(reference_data):
    return seed.seed(lambda line: None, published=PUBLISHED)


def test_it_seeds_stories_with_their_practices_tags_and_pledges(seeded):
    assert Story.objects.published().count() == PUBLISHED
    assert Story.objects.awaiting_review().count() == PUBLISHED // 100
    stories = Story.objects.annotate(
        practice_count=Count("practices", distinct=True), tag_count=Count("tags", distinct=True)
    )
    assert {story.practice_count for story in stories} == {1, 2, 3}
    assert {story.tag_count for story in stories} == {seed.TAGS_PER_STORY}
    answered = Story.objects.exclude(pledge=None).select_related("pledge")
    assert Pledge.objects.count() > 0
    assert answered.count() > 0
    assert all(story.pledge.member_id == story.author_id for story in answered)
    assert sum(tally.wrote_back for tally in PledgeTally.objects.all()) == answered.count()


def test_search_finds_the_common_and_the_rare_word_in_seeded_stories(seeded):
    common = find(seed.COMMON_WORD)
    rare = find(seed.RARE_WORD)

    assert len(common.ids) > 0
    assert rare.ids
    assert all(seed.RARE_WORD in Story.objects.get(pk=pk).body for pk in rare.ids)
