"""Seed PostgreSQL inside the server: INSERT ... SELECT over generate_series, no Python rows.

A million stories as Python objects took gigabytes and most of an hour; generated in SQL they
take a few minutes and the Python process stays small. The secondary indexes of the three big
tables are dropped while loading and built once at the end (the same definitions, read back
from pg_indexes, so an index another branch adds is rebuilt too), then VACUUM ANALYZE.
"""

import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.db.models import Model

from accounts.models import User
from perf.bench import pledges
from perf.bench import seed_schema as schema
from perf.bench.seed_connections import (
    GIN_WORK_MEM,
    MAINTENANCE_WORK_MEM,
    in_parallel,
    in_sequences,
    set_up,
)
from stories.models import Practice, Story

BATCH = 100_000
# Connections loading stories side by side: the machine's two cores.
WORKERS = 2
SENTENCES = 2_000
# The practices a story's id picks (k from 0 to id % 3), as the link insert writes them.
PRACTICE_PICK = "(%(choices)s::bigint[])[1 + ((hashint8(id) & 2147483647) + k) %% %(count)s]"
PLEDGE_SEED = "bench_pledge_seed"
STORY_PLEDGES = "bench_story_pledges"


def _columns(model: type[Model], expressions: dict[str, str]) -> tuple[str, str, list]:
    """The column list and SELECT list for every concrete field: an SQL expression where given,
    else the field's default as a parameter (so a column added later still gets a value)."""
    names, selects, params = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        names.append(connection.ops.quote_name(field.column))
        if field.name in expressions:
            selects.append(expressions[field.name])
        else:
            selects.append("%s")
            params.append(field.get_db_prep_save(field.get_default(), connection))
    return ", ".join(names), ", ".join(selects), params


def _sql_array(values: list[str]) -> str:
    """An array literal of plain words (the seed's own vocabulary and the model's choices)."""
    assert all(value.isidentifier() for value in values), values
    return "ARRAY[" + ", ".join(f"'{value}'" for value in values) + "]"


def clear(cursor) -> None:
    """The benchmark database holds nothing else: empty every table of members and stories."""
    cursor.execute(
        "TRUNCATE accounts_user, stories_story, stories_storyphoto RESTART IDENTITY CASCADE"
    )
    cursor.execute("DELETE FROM taggit_tag WHERE name LIKE 'bench-%%'")


def seed(
    progress: Callable[[str], None],
    *,
    published: int,
    sentences: Callable[[random.Random, int], str],
    words: list[str],
    common_word: str,
    rare_word: str,
    tag_pool: int,
    tags_per_story: int,
    now: datetime,
) -> None:
    """Seed members, stories, their practices and tags, then pledges, before any index."""
    progress = _with_seconds(progress)
    rng = random.Random(2026)
    members = max(1, published // 10)
    total = published + published // 100
    with connection.cursor() as cursor:
        set_up(cursor)
        cursor.execute("SELECT setseed(0.2026)")
        clear(cursor)
        indexes = schema.secondary_indexes(cursor)
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        # Checked row by row while loading; checked in one pass each when added back.
        foreign_keys = schema.foreign_keys(cursor)
        for table, name, _ in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
        # Seven million links: their primary and unique keys are built once, sorted, at the end.
        keys = schema.link_keys(cursor)
        for table, name, _ in keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
        # Vacuumed once each, by the seeder, when loaded: autovacuum, woken by the inserts, went
        # over the half-loaded tables again and again (1.4 GB written at a million).
        for table in schema.BIG_TABLES:
            cursor.execute(f"ALTER TABLE {table} SET (autovacuum_enabled = false)")
        progress(
            f"dropped {len(indexes)} secondary indexes, {len(keys)} keys of the links and "
            f"{len(foreign_keys)} foreign keys for the load"
        )

        cursor.execute(
            "INSERT INTO taggit_tag (name, slug) SELECT 'bench-tag-' || i, 'bench-tag-' || i "
            "FROM generate_series(0, %s) AS i ORDER BY i RETURNING id",
            [tag_pool - 1],
        )
        tags = sorted(row[0] for row in cursor.fetchall())
        practices = list(Practice.objects.order_by("pk").values_list("pk", flat=True))
        # The links need only the ids (1 to total): a second connection loads them while this
        # one writes the members and the pledges, which the stories wait for.
        with ThreadPoolExecutor(max_workers=1) as background:
            loading = background.submit(
                in_sequences, [_links(practices, tags, total, tags_per_story)], then=[]
            )
            _insert_members(cursor, members, now)
            progress(f"members: {members:,}")
            cursor.execute("SELECT min(id) FROM accounts_user WHERE email LIKE '%%@bench.example'")
            first_member = cursor.fetchone()[0]
            # The pledges first, from the ids alone: each story then takes its pledge as it goes
            # in, where updating 50,000 stories afterwards recomputed their search vectors.
            pledged = _insert_pledges(
                cursor,
                now=now,
                published=published,
                first_member=first_member,
                members=members,
                practices=practices,
            )
            progress(f"pledges: {pledged:,}")
            steps = loading.result()
        progress("practices (one to three a story) and tags (five a story)")
        pool = [sentences(rng, rng.randint(8, 14)) for _ in range(SENTENCES)]
        word = f"({_sql_array(words)})[1 + floor(random() * {len(words)})::int]"
        # The sentences sit in a table joined six times: picking from a 2,000-element array
        # parameter walked the array on every pick (a million stories took over ten minutes).
        cursor.execute("DROP TABLE IF EXISTS bench_sentences")
        cursor.execute("CREATE UNLOGGED TABLE bench_sentences (n int PRIMARY KEY, s text)")
        cursor.execute(
            "INSERT INTO bench_sentences (n, s) SELECT n, (%s::text[])[n] "
            "FROM generate_series(1, %s) AS n",
            [pool, SENTENCES],
        )
        picks = ", ".join(f"1 + floor(random() * {SENTENCES})::int AS s{k}" for k in range(6))
        joins = " ".join(f"JOIN bench_sentences p{k} ON p{k}.n = g.s{k}" for k in range(6))
        # Ten minutes apart, the newest last: ids and dates rise together, as on the real site
        # (the waiting stories, the last ids, are the newest).
        when = f"%(now)s - ({total - 1} - i) * interval '10 minutes'"
        expressions = {
            "title": (
                f"initcap({word}) || ' ' || {word} || ' ' || {word} || ' ' || {word} || ' ' || "
                f"{word} || ' (' || i || ')'"
            ),
            "body": (
                "p0.s || ' ' || p1.s || ' ' || CASE WHEN i %% 2 = 0 THEN "
                f"'It was a small {common_word} at the ' || {word} || '.' ELSE p2.s END "
                "|| E'\\n\\n' || p3.s || ' ' || CASE WHEN i %% 5000 = 7 THEN "
                f"'A {rare_word} of a conversation.' ELSE p4.s END || ' ' || p5.s"
            ),
            "perspective": _pick(Story.Perspective.values),
            "setting": _pick(Story.Setting.values),
            "author": f"{first_member} + i %% {members}",
            "status": f"CASE WHEN i < {published} THEN 'published' ELSE 'submitted' END",
            "thanks_count": "floor(random() * 41)::int",
            "created_at": when,
            "updated_at": when,
            "submitted_at": when,
            "first_submitted_at": when,
            "published_at": f"CASE WHEN i < {published} THEN {when} END",
            "pledge": "sp.pledge_id",
        }
        columns, selects, defaults = _columns(Story, expressions)
        selects = _named_defaults(selects, defaults)
        # Explicit ids (i + 1), so batches loaded side by side still number the stories in the
        # order of their dates.
        insert = (
            f"INSERT INTO stories_story (id, {columns}) SELECT i + 1, {selects} "
            f"FROM (SELECT i, {picks} FROM generate_series(%(start)s, %(end)s) AS i) AS g "
            f"{joins} LEFT JOIN {STORY_PLEDGES} sp ON sp.story_id = g.i + 1"
        )
        fixed = {"now": now, **{f"default{n}": value for n, value in enumerate(defaults)}}
        batches = _batches(0, total)
        in_parallel(
            [(insert, {**fixed, "start": start, "end": end}) for start, end in batches],
            lambda done: progress(f"stories: {batches[done - 1][1] + 1:,} / {total:,}"),
            workers=WORKERS,
        )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('stories_story', 'id'), "
            "(SELECT max(id) FROM stories_story))"
        )
        cursor.execute("DROP TABLE bench_sentences")
        cursor.execute(f"DROP TABLE {STORY_PLEDGES}")

        # Two connections side by side. The search vectors' GIN index is the longest single
        # step (the critical path): one connection builds it while the other builds the links'
        # indexes and keys; then each takes the stories' other indexes. Each table is vacuumed
        # before its indexes: the first pass over fresh rows sets their hint bits, and an index
        # build's scan doing it left every page to write again for VACUUM's visibility marks at
        # the end (a third write of the biggest table).
        indexes.sort(key=lambda index: schema.build_order(index[1]))
        on_stories = [(d, {}) for _, d in indexes if schema.table_of(d) == "stories_story"]
        on_links = [(d, {}) for _, d in indexes if schema.table_of(d) != "stories_story"]
        keys_back = [(schema.add_constraint(table, name, d), {}) for table, name, d in keys]
        vacuum = [(f"VACUUM ANALYZE {table}", {}) for table in schema.BIG_TABLES]
        steps += in_sequences(
            [[vacuum[0], *on_stories[:1]], [*vacuum[1:], *on_links, *keys_back]],
            then=on_stories[1:],
        )
        progress("indexes and keys")
        progress(f"longest steps: {_longest(steps)}")
        # Added unchecked (instant), then checked side by side: ADD CONSTRAINT locks out the
        # others referencing the same table, VALIDATE CONSTRAINT does not.
        for table, name, definition in foreign_keys:
            cursor.execute(schema.add_constraint(table, name, f"{definition} NOT VALID"))
        in_parallel(
            [
                (f"ALTER TABLE {table} VALIDATE CONSTRAINT {connection.ops.quote_name(name)}", {})
                for table, name, _ in foreign_keys
            ],
            lambda done: None,
            workers=WORKERS,
        )
        progress(f"foreign keys checked and restored: {len(foreign_keys)}")
        for table in schema.BIG_TABLES:
            cursor.execute(f"ALTER TABLE {table} RESET (autovacuum_enabled)")
    # Every other table (the big ones were vacuumed before their indexes), side by side.
    tables = set(connection.introspection.table_names()) - set(schema.BIG_TABLES)
    vacuums = [(f'VACUUM ANALYZE "{table}"', {}) for table in sorted(tables)]
    in_parallel(vacuums, lambda done: None, workers=WORKERS)
    progress("vacuumed and analysed")


def _links(practices: list, tags: list, total: int, tags_per_story: int) -> list:
    """The practices (one to three a story) and tags of stories 1 to total, from the ids alone.
    One statement per batch of ids and table, its rows in story order: the unique index on
    (story, tag) then grows at its end instead of taking a pass per link at random."""
    return [
        (
            "INSERT INTO stories_practicedin (content_object_id, tag_id) "
            f"SELECT id, {PRACTICE_PICK} FROM generate_series(%(start)s, %(end)s) AS id "
            "CROSS JOIN generate_series(0, 2) AS k WHERE id %% 3 >= k ORDER BY id, k",
            {"choices": practices, "count": len(practices), "start": start, "end": end},
        )
        for start, end in _batches(1, total + 1)
    ] + [
        (
            "INSERT INTO stories_taggedstory (content_object_id, tag_id) "
            "SELECT id, (%(choices)s::bigint[])[1 + ((hashint8(id + 1) & 2147483647) "
            "+ k * 97) %% %(count)s] FROM generate_series(%(start)s, %(end)s) AS id "
            "CROSS JOIN generate_series(0, %(last)s) AS k ORDER BY id, k",
            {
                "choices": tags,
                "count": len(tags),
                "start": start,
                "end": end,
                "last": tags_per_story - 1,
            },
        )
        for start, end in _batches(1, total + 1)
    ]


def _batches(start: int, end: int) -> list[tuple[int, int]]:
    """Inclusive ranges covering start..end-1 in a multiple of WORKERS batches of about BATCH,
    so the connections finish together rather than one loading a short last batch alone."""
    count = -(-(end - start) // BATCH)
    count = -(-count // WORKERS) * WORKERS
    size = -(-(end - start) // count)
    return [(low, min(low + size, end) - 1) for low in range(start, end, size)]


def _longest(steps: list[tuple[str, float]]) -> str:
    """The statements that took longest, those of the same name (a table's batches) summed."""
    totals = {}
    for name, seconds in steps:
        totals[name] = totals.get(name, 0.0) + seconds
    longest = sorted(totals.items(), key=lambda item: -item[1])[:6]
    return ", ".join(f"{name} {seconds:.0f} s" for name, seconds in longest)


def _insert_pledges(
    cursor, *, now: datetime, published: int, first_member: int, members: int, practices: list
) -> int:
    """perf.bench.pledges.seed's pledges, computed from the story ids before any story exists.

    A story's author and practices follow from its id (the story and link inserts below), so
    its first practice is the least of the practices its id picks. Each published story whose
    id ends in 0 gives its author a pledge on that practice (one per member and practice, the
    first story's), and every second of those stories answers its pledge: STORY_PLEDGES holds
    which, for the story insert to read.
    """
    first_practice = f"(SELECT min({PRACTICE_PICK}) FROM generate_series(0, id %% 3) AS k)"
    cursor.execute(f"DROP TABLE IF EXISTS {PLEDGE_SEED}")
    cursor.execute(
        f"CREATE UNLOGGED TABLE {PLEDGE_SEED} AS "
        f"SELECT {first_member} + (id - 1) %% {members} AS member_id, "
        f"{first_practice} AS practice_id, MIN(id) AS story_id "
        f"FROM generate_series({pledges.PLEDGE_EVERY}, %(published)s, {pledges.PLEDGE_EVERY}) "
        "AS id GROUP BY 1, 2",
        {"published": published, "choices": practices, "count": len(practices)},
    )
    cursor.execute(
        "INSERT INTO pledges_pledge "
        "(member_id, practice_id, created_at, remind_at, reminded_at, cancelled_at) "
        f"SELECT member_id, practice_id, %s, %s, %s, NULL FROM {PLEDGE_SEED} ORDER BY story_id",
        [now - timedelta(days=10), now - timedelta(days=3), now - timedelta(days=3)],
    )
    created = cursor.rowcount
    # Both just filled: without statistics the planner loops over one for each row of the other.
    cursor.execute(f"ANALYZE {PLEDGE_SEED}")
    cursor.execute("ANALYZE pledges_pledge")
    cursor.execute(f"DROP TABLE IF EXISTS {STORY_PLEDGES}")
    # Read by both connections loading the stories: a table, not a temporary one.
    cursor.execute(
        f"CREATE UNLOGGED TABLE {STORY_PLEDGES} AS SELECT b.story_id, p.id AS pledge_id "
        f"FROM pledges_pledge p JOIN {PLEDGE_SEED} b "
        "ON b.member_id = p.member_id AND b.practice_id = p.practice_id "
        "WHERE b.story_id % 20 = 0"
    )
    cursor.execute(f"ALTER TABLE {STORY_PLEDGES} ADD PRIMARY KEY (story_id)")
    cursor.execute(f"ANALYZE {STORY_PLEDGES}")
    cursor.execute(f"DROP TABLE {PLEDGE_SEED}")
    return created


def server_memory() -> str:
    """What bounds the server's memory while seeding: each index build's maintenance_work_mem,
    WORKERS builds at once, and the shared buffers every connection shares."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW shared_buffers")
        (shared,) = cursor.fetchone()
    return f"{GIN_WORK_MEM} + {MAINTENANCE_WORK_MEM} maintenance_work_mem + {shared} shared buffers"


def _with_seconds(progress: Callable[[str], None]) -> Callable[[str], None]:
    started = time.monotonic()
    return lambda line: progress(f"{line} ({time.monotonic() - started:.0f} s)")


def _pick(values: list[str]) -> str:
    return f"({_sql_array(values)})[1 + floor(random() * {len(values)})::int]"


def _named_defaults(selects: str, defaults: list) -> str:
    """Turn the positional %s of defaults into named parameters, as the rest of the query uses."""
    for n in range(len(defaults)):
        selects = selects.replace("%s", f"%(default{n})s", 1)
    return selects


def _insert_members(cursor, members: int, now: datetime) -> None:
    columns, selects, defaults = _columns(
        User,
        {
            "password": "%(password)s",
            "date_joined": "%(joined)s",
            "email": "'member' || i || '@bench.example'",
            "display_name": "'Member ' || i",
        },
    )
    cursor.execute(
        f"INSERT INTO accounts_user ({columns}) SELECT {_named_defaults(selects, defaults)} "
        "FROM generate_series(0, %(last)s) AS i ORDER BY i",
        {
            "password": make_password("bench-member-password"),
            "joined": now - timedelta(days=400),
            "last": members - 1,
            **{f"default{n}": value for n, value in enumerate(defaults)},
        },
    )
