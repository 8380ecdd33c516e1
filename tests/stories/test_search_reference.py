"""Search gives what a plain reading of its rules gives, afresh and kept, on a small shelf.

The rules (stories.search): the CANDIDATES + 1 newest published matches anywhere and the
CANDIDATES + 1 newest whose title matches, among those within TITLE_WINDOW ids of the newest, are
ranked, title matches (of that set) first, then relevance (each
word as typed, ten times in the title, once in the body), then the newest published, then the
newest id. The reference below reads them with the ORM and Python alone, over stories written
from a small vocabulary whose words are each their own stem in both databases and begin no other,
so "matches" is "holds the word" and a prefix finds what the word does.
"""

import random
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from stories import search, search_postgresql
from stories.models import Story
from tests.factories import StoryFactory
from tests.stories.helpers import card_titles

pytestmark = pytest.mark.django_db

WORDS = ["lantern", "river", "bread", "garden", "window", "ticket", "harbor", "basket"]
QUERIES = [*WORDS, "lantern river", "bread garden", "window ticket harbor", "basket lantern"]
UNSEEN = [Story.Status.SUBMITTED, Story.Status.WITHDRAWN, Story.Status.HIDDEN]


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


@pytest.fixture
def shelf(author):
    """Sixty stories, one in eight that readers may not see, published in an order of their
    own: a story's id is not its place in time."""
    rng = random.Random(11)
    now = timezone.now()
    for index in range(60):
        status = rng.choice(UNSEEN) if index % 8 == 3 else Story.Status.PUBLISHED
        StoryFactory(
            author=author,
            title=f"{sentence(rng, rng.randint(1, 3))} {index}",
            body=f"{sentence(rng, rng.randint(3, 12))}.",
            status=status,
            published_at=now - timedelta(hours=rng.randint(0, 500)),
        )


def words_of(text: str) -> set[str]:
    return set(text.lower().replace(".", " ").split())


def matches(query: str) -> tuple[list[Story], list[Story]]:
    """Every published story holding the query's words, and those of them within the title
    window holding them in the title, newest first, by the rules alone."""
    terms = query.split()
    stories = list(Story.objects.published().order_by("-id"))
    anywhere = [s for s in stories if set(terms) <= words_of(f"{s.title} {s.body}")]
    floor = stories[0].pk - search.TITLE_WINDOW + 1 if stories else 0
    in_title = [s for s in stories if s.pk >= floor and set(terms) <= words_of(s.title)]
    return anywhere, in_title


def reference(query: str, candidates: int) -> tuple[list[int], bool]:
    """The ranked ids and whether more than `candidates` matched, by the rules alone."""
    terms = query.split()
    anywhere, in_title = matches(query)
    title_set = {s.pk for s in in_title[: candidates + 1]}
    ranked = {s.pk: s for s in [*in_title[: candidates + 1], *anywhere[: candidates + 1]]}

    def rank(story):
        relevance = sum(
            10 * story.title.lower().count(term) + story.body.lower().count(term) for term in terms
        )
        return (story.pk in title_set, relevance, story.published_at, story.pk)

    ordered = sorted(ranked.values(), key=rank, reverse=True)
    return [story.pk for story in ordered], len(anywhere) > candidates


@pytest.mark.parametrize("window", [2_000, 12])
@pytest.mark.parametrize("candidates", [4, 200])
def test_every_query_ranks_as_the_rules_read_plainly(shelf, monkeypatch, candidates, window):
    monkeypatch.setattr(search, "CANDIDATES", candidates)
    monkeypatch.setattr(search, "TITLE_WINDOW", window)

    for query in QUERIES:
        found = search.find(query)
        assert (found.ids, found.more) == reference(query, candidates), query


# How PostgreSQL finds a whole word's newest matches anywhere (stories.search_postgresql), each
# a way a search of a large table takes, brought down to the shelf's size; SQLite takes none.
POSTGRESQL_PATHS = {
    # Words in ten or more of the newest stories walk down the newest ids; the others, in a
    # table of few stories, are read from the GIN index.
    "as the shelf is": {},
    # The others are read again with a statement planned for them, as in a large table.
    "planned for the word": {"FEW_IDS": 0},
    # The walk down the newest ids stops short, and the older matches come from the GIN index.
    "walk stopping short": {"WALK_MARGIN": 0.1},
}


@pytest.fixture
def twelve_candidates(monkeypatch):
    """Twelve candidates, and a window of the twenty newest stories, in which a query is common
    (ten or more hold it) or not."""
    monkeypatch.setattr(search, "CANDIDATES", 12)
    monkeypatch.setattr(search, "WORD_WINDOW", 20)


def assert_both_candidate_sets_hold_what_the_rules_say() -> None:
    # The sets are read as a fresh search reads them for the whole words: through find(), a
    # prefix searched after too few matches would hide a short set.
    for query in QUERIES:
        _, ranked, _ = search._fresh(
            search.search_terms(query), prefix=False, chosen={}, log=search._Log()
        )
        anywhere, in_title = matches(query)
        # Each candidate: (in the title set, relevance, published, id, in the set anywhere, ...).
        assert {c[3] for c in ranked if c[4]} == {s.pk for s in anywhere[:13]}, query
        assert {c[3] for c in ranked if c[0]} == {s.pk for s in in_title[:13]}, query


@pytest.mark.parametrize("path", list(POSTGRESQL_PATHS))
def test_both_candidate_sets_hold_what_the_rules_say_whichever_way_postgresql_finds_them(
    shelf, twelve_candidates, monkeypatch, path
):
    for name, value in POSTGRESQL_PATHS[path].items():
        monkeypatch.setattr(search_postgresql, name, value)

    assert_both_candidate_sets_hold_what_the_rules_say()


def test_a_story_published_from_above_a_backlog_leaves_both_sets_as_the_rules_say(
    shelf, author, twelve_candidates, monkeypatch
):
    # Thirty stories waiting above the shelf, the newest of them published: the ids just below
    # the newest published story are nearly all taken by stories no reader sees. The walk down
    # the newest stories (a stretch of 26 at this margin) counts published ones, not ids.
    monkeypatch.setattr(search_postgresql, "WALK_MARGIN", 1)
    rng = random.Random(5)
    backlog = [
        StoryFactory(
            author=author,
            title=sentence(rng, 2),
            body=f"{sentence(rng, 6)}.",
            status=Story.Status.SUBMITTED,
        )
        for _ in range(30)
    ]
    Story.objects.filter(pk=backlog[-1].pk).update(
        status=Story.Status.PUBLISHED, published_at=timezone.now()
    )

    assert_both_candidate_sets_hold_what_the_rules_say()


def generic_plans_of_statements_starting(start: str) -> list[int]:
    """How many runs of each statement this connection prepared that PostgreSQL ran by its
    generic plan, not one made for the run's values."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans FROM pg_prepared_statements WHERE statement LIKE %s",
            [f"{start}%"],
        )
        return [generic for (generic,) in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_first_searches_share_one_plan_whatever_their_words_on_postgresql(shelf):
    for query in [*QUERIES, "lantern bread", "harbor window", "ticket basket"]:
        search.find(query)

    plans = generic_plans_of_statements_starting("WITH read_at AS MATERIALIZED")
    # One statement for whole words and one for prefixes, each planned for its first runs alone.
    assert len(plans) == 2
    assert all(generic >= 1 for generic in plans)


@pytest.fixture(params=[2_000, 12], ids=["wide window", "narrow window"])
def kept_searches(shelf, monkeypatch, request):
    """Every query searched once with four candidates a set, and so kept (stories.search_kept),
    under a title window wider than the shelf, and one narrower."""
    monkeypatch.setattr(search, "CANDIDATES", 4)
    monkeypatch.setattr(search, "TITLE_WINDOW", request.param)
    for query in QUERIES:
        search.find(query)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_kept_searches_brought_up_to_date_share_one_plan_whatever_their_words_on_postgresql(
    kept_searches, author
):
    for _ in range(2):
        StoryFactory(author=author, title="lantern garden", body="river bread window.")
        for query in QUERIES:
            search.find(query)

    plans = generic_plans_of_statements_starting("WITH changes AS MATERIALIZED")
    # Planned for its first runs alone, then by the plan made once for any word.
    assert len(plans) == 1
    assert plans[0] >= 1


def test_kept_searches_rank_as_the_rules_after_stories_come_and_go(kept_searches, author):

    newest = Story.objects.published().order_by("-id")[:3]
    Story.objects.filter(pk=newest[0].pk).update(status=Story.Status.HIDDEN)
    Story.objects.filter(pk=newest[1].pk).update(title="bread bread river")
    StoryFactory(author=author, title="lantern garden", body="river bread window.")

    for query in QUERIES:
        found = search.find(query)
        assert (found.ids, found.more) == reference(query, 4), query


def test_the_pages_show_the_reference_ranking_in_order(shelf, other_client, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 25)
    ids, _ = reference("lantern", 25)
    titles = dict(Story.objects.filter(pk__in=ids).values_list("pk", "title"))

    expected = [titles[pk] for pk in ids]

    assert card_titles(other_client.get("/search/", {"q": "lantern"})) == expected[:20]
    assert card_titles(other_client.get("/search/", {"q": "lantern", "page": 2})) == expected[20:40]


def test_kept_searches_rank_as_the_rules_as_new_stories_raise_the_title_window(
    kept_searches, author
):
    for title in ("harbor basket", "river lantern window"):
        StoryFactory(author=author, title=title, body="bread garden ticket.")
        for query in QUERIES:
            found = search.find(query)
            assert (found.ids, found.more) == reference(query, 4), query
