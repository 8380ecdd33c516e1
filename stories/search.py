"""Full-text search over story titles and bodies, ranked, on SQLite (FTS5) and PostgreSQL.

Both indexes live beside the story table and are kept current by the database itself: FTS5 through
triggers, PostgreSQL through a stored generated tsvector column with a GIN index. Both stem English
words (FTS5's porter tokenizer, PostgreSQL's 'english' configuration), so "thanked" finds "thanks"
on either database.
"""

import re

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

from stories.models import StoryQuerySet

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8

SQLITE_SETUP = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS stories_story_fts USING fts5(
        title, body, content='stories_story', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS stories_story_fts_insert AFTER INSERT ON stories_story BEGIN
        INSERT INTO stories_story_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    """CREATE TRIGGER IF NOT EXISTS stories_story_fts_delete AFTER DELETE ON stories_story BEGIN
        INSERT INTO stories_story_fts(stories_story_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END""",
    """CREATE TRIGGER IF NOT EXISTS stories_story_fts_update AFTER UPDATE OF title, body
    ON stories_story BEGIN
        INSERT INTO stories_story_fts(stories_story_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO stories_story_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
]

POSTGRES_SETUP = [
    """ALTER TABLE stories_story ADD COLUMN IF NOT EXISTS search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(body, '')), 'B')
    ) STORED""",
    # Serves /search/: the @@ match below.
    """CREATE INDEX IF NOT EXISTS stories_story_search_gin
    ON stories_story USING GIN (search_vector)""",
]


def install(conn: BaseDatabaseWrapper) -> None:
    """Create the search index if it is missing. Safe to run any number of times.

    Called by a migration and again after every migrate: SQLite rebuilds a table to alter it, which
    drops its triggers, so they are re-created (and the index rebuilt) whenever they are gone.
    """
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'stories_story_fts_%%'"
            )
            complete = cursor.fetchone()[0] == 3
            if not complete:
                for statement in SQLITE_SETUP:
                    cursor.execute(statement)
                cursor.execute(
                    "INSERT INTO stories_story_fts(stories_story_fts) VALUES ('rebuild')"
                )
        elif conn.vendor == "postgresql":
            for statement in POSTGRES_SETUP:
                cursor.execute(statement)


def search_terms(query: str) -> list[str]:
    return WORD.findall(query.lower())[:MAX_TERMS]


def matching(stories: StoryQuerySet, query: str) -> StoryQuerySet:
    """Stories matching every word of the query, best match first; none for an empty query."""
    terms = search_terms(query)
    if not terms:
        return stories.none()
    if connection.vendor == "postgresql":
        tsquery = " & ".join(
            f"{term}:*" if i == len(terms) - 1 else term for i, term in enumerate(terms)
        )
        return stories.extra(
            select={"rank": "ts_rank(stories_story.search_vector, to_tsquery('english', %s))"},
            select_params=[tsquery],
            where=["stories_story.search_vector @@ to_tsquery('english', %s)"],
            params=[tsquery],
            order_by=["-rank", "-published_at"],
        )
    # Each term is quoted so FTS5 treats it as a word, never as query syntax; the last one is a
    # prefix so a half-typed word still finds something, as on PostgreSQL.
    fts_query = " ".join(f'"{term}"' for term in terms[:-1]) + f' "{terms[-1]}"*'
    return stories.extra(
        tables=["stories_story_fts"],
        # bm25 with the title weighing ten times the body, as PostgreSQL's weights A and B do.
        select={"rank": "bm25(stories_story_fts, 10.0, 1.0)"},
        where=["stories_story_fts.rowid = stories_story.id", "stories_story_fts MATCH %s"],
        params=[fts_query.strip()],
        order_by=["rank", "-published_at"],
    )
