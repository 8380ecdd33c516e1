"""Seed the benchmark database: 100,000 published stories by 10,000 members, and 1,000 pending.

A smaller count (BENCH_STORIES) keeps the same proportions: a member per ten stories, one
pending story per hundred.

On PostgreSQL the rows are generated inside the server (seed_postgres); on SQLite they go in
with bulk_create in batches. Either way the search index and the content-version triggers are
switched off while loading and rebuilt once at the end, as a bulk import would do it.
"""

import os
import random
import resource
import time
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag

from accounts.models import User
from moderation import queue_version
from perf.bench import people, pledges, seed_postgres
from pledges import tallies as pledge_tallies
from pledges.models import Pledge
from stories import freshness, search, tallies
from stories.models import Practice, PracticedIn, Story, TaggedStory

PUBLISHED = 100_000
TAG_POOL = 500
TAGS_PER_STORY = 5
BATCH = 5_000
# "kindness" is in about half the stories (a common word); "zephyr" in about 20 (a rare one).
COMMON_WORD = "kindness"
RARE_WORD = "zephyr"

WORDS = [
    "counter",
    "cashier",
    "barista",
    "nurse",
    "agent",
    "clerk",
    "driver",
    "waiter",
    "shift",
    "morning",
    "evening",
    "queue",
    "line",
    "order",
    "receipt",
    "coffee",
    "ticket",
    "flight",
    "gate",
    "refund",
    "parcel",
    "pharmacy",
    "desk",
    "window",
    "smile",
    "thanks",
    "patience",
    "grace",
    "name",
    "question",
    "apology",
    "weather",
    "rain",
    "busy",
    "tired",
    "late",
    "early",
    "together",
    "listen",
    "laugh",
    "help",
    "wait",
    "kind",
    "gentle",
    "honest",
    "small",
    "moment",
    "day",
    "week",
    "store",
    "station",
    "office",
    "call",
    "phone",
]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _story_text(rng: random.Random, index: int) -> tuple[str, str]:
    title = f"{_sentence(rng, 5)[:-1]} ({index})"
    sentences = [_sentence(rng, rng.randint(8, 14)) for _ in range(6)]
    if index % 2 == 0:
        sentences[2] = f"It was a small {COMMON_WORD} at the {rng.choice(WORDS)}."
    if index % 5_000 == 7:
        sentences[4] = f"A {RARE_WORD} of a conversation."
    body = " ".join(sentences[:3]) + "\n\n" + " ".join(sentences[3:])
    return title, body


def is_seeded(published: int) -> bool:
    # A database seeded before pledges existed is seeded again, once.
    return (
        Story.objects.filter(status=Story.Status.PUBLISHED).count() == published
        and Pledge.objects.exists()
    )


TRIGGER_TABLES = ("stories_story", "stories_practicedin", "stories_taggedstory", "pledges_pledge")


def _switch_off_triggers() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
                "('stories_story', 'stories_practicedin', 'stories_taggedstory', 'pledges_pledge')"
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER {name}")
        else:
            for table in TRIGGER_TABLES:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")


def _switch_on_triggers() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in TRIGGER_TABLES:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
    search.install(connection)  # on SQLite: re-creates the triggers and rebuilds the index
    freshness.install(connection)
    pledge_tallies.install(connection)
    queue_version.install(connection)
    with connection.cursor() as cursor:
        cursor.execute(freshness.BUMP)
        if connection.vendor == "postgresql":
            # seed_postgres analysed every table as it loaded it: only the counts are new, and a
            # second pass over every table ran alone on one connection.
            cursor.execute(f"ANALYZE {tallies.TABLE}, {pledge_tallies.TABLE}")
        else:
            cursor.execute("ANALYZE")


# Every table holding a row that points at a story or a member, children first.
TABLES_TO_EMPTY = (
    "stories_taggedstory",
    "stories_practicedin",
    "stories_thanks",
    "moderation_flag",
    "moderation_reviewclaim",
    "moderation_decision",
    "moderation_memberdecision",
    "moderation_suspension",
    "moderation_takedownrequest",
    "stories_storyrevision",
    "stories_story",
    "pledges_pledge",
    "stories_photoattempt",
    "stories_storyphoto",
    "account_emailaddress",
    "mfa_authenticator",
    "accounts_user_groups",
    "accounts_user_user_permissions",
    "django_admin_log",
)


def _clear() -> None:
    """Empty the benchmark's tables with plain deletes (the ORM would load every row first)."""
    with connection.cursor() as cursor:
        for table in TABLES_TO_EMPTY:
            cursor.execute(f"DELETE FROM {table}")
        cursor.execute("DELETE FROM accounts_user WHERE email LIKE '%%@bench.example'")
        cursor.execute("DELETE FROM taggit_tag WHERE name LIKE 'bench-%%'")


def seed(progress: Callable[[str], None], *, published: int = PUBLISHED) -> dict:
    """Seed, then open the flags and enrol the moderator the moderation pages need."""
    started = time.monotonic()
    _switch_off_triggers()
    if connection.vendor == "postgresql":
        how = "INSERT ... SELECT generate_series in the server"
        seed_postgres.seed(
            progress,
            published=published,
            sentences=_sentence,
            words=WORDS,
            common_word=COMMON_WORD,
            rare_word=RARE_WORD,
            tag_pool=TAG_POOL,
            tags_per_story=TAGS_PER_STORY,
            now=timezone.now(),
        )
    else:
        how = "bulk_create in batches"
        _seed_with_bulk_create(progress, published)
        progress(f"pledges: {pledges.seed(timezone.now()):,}")
    progress("rebuilding the search index and triggers")
    _switch_on_triggers()
    progress(f"flags opened: {people.flag_some_stories()}")
    people.moderator()
    pledges.give_member_pledges(people.member(), now=timezone.now())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "seconds": time.monotonic() - started,
        "peak_mb": peak_mb,
        "how": how,
        "load": os.getloadavg()[0],
    }
    if connection.vendor == "postgresql":
        result["server"] = seed_postgres.server_memory()
    return result


def _seed_with_bulk_create(progress: Callable[[str], None], published: int) -> None:
    started = time.monotonic()
    rng = random.Random(2026)
    now = timezone.now()
    password = make_password("bench-member-password")
    _clear()

    members = User.objects.bulk_create(
        [
            User(
                email=f"member{i}@bench.example",
                display_name=f"Member {i}",
                password=password,
                date_joined=now - timedelta(days=400),
            )
            for i in range(max(1, published // 10))
        ],
        batch_size=BATCH,
    )
    progress(f"members: {len(members):,}")
    tags = Tag.objects.bulk_create(
        [Tag(name=f"bench-tag-{i}", slug=f"bench-tag-{i}") for i in range(TAG_POOL)]
    )
    practices = list(Practice.objects.all())

    total = published + published // 100
    for start in range(0, total, BATCH):
        with transaction.atomic():
            batch = []
            for index in range(start, min(start + BATCH, total)):
                title, body = _story_text(rng, index)
                is_published = index < published
                # Ids and dates rise together, as on the real site: the last (waiting) is newest.
                when = now - timedelta(minutes=(total - 1 - index) * 10)
                batch.append(
                    Story(
                        author=members[index % len(members)],
                        title=title,
                        body=body,
                        perspective=rng.choice(Story.Perspective.values),
                        setting=rng.choice(Story.Setting.values),
                        status=Story.Status.PUBLISHED if is_published else Story.Status.SUBMITTED,
                        created_at=when,
                        submitted_at=when,
                        published_at=when if is_published else None,
                        thanks_count=rng.randint(0, 40),
                    )
                )
            stories = Story.objects.bulk_create(batch)
            PracticedIn.objects.bulk_create(
                [
                    PracticedIn(content_object_id=story.pk, tag_id=practice.pk)
                    for i, story in enumerate(stories)
                    for practice in rng.sample(practices, 1 + (start + i) % 3)
                ]
            )
            TaggedStory.objects.bulk_create(
                [
                    TaggedStory(content_object_id=story.pk, tag_id=tag.pk)
                    for story in stories
                    for tag in rng.sample(tags, TAGS_PER_STORY)
                ]
            )
        done = min(start + BATCH, total)
        progress(f"stories: {done:,} / {total:,} ({time.monotonic() - started:.0f} s)")
