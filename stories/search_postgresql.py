"""A search's candidates on PostgreSQL, in one statement prepared once per connection.

The rules are stories.search's: the CANDIDATES + 1 newest published matches anywhere, and the
CANDIDATES + 1 newest title matches within the title window. This module says how PostgreSQL
finds them at a cost that does not follow the number of stories, and with a plan made once.

Planning the statement cost PostgreSQL about a millisecond on every first search, as much as
running it. It is prepared (kindness.statements.prepared_cursor), and after its first runs on a
connection PostgreSQL keeps one generic plan, made without the query's words. So no step may
hang on a guess of how common a word is: each reads a bounded stretch of the newest ids, or the
GIN index for a word or prefix rare among the newest stories, the branch chosen by counting the
matches among those newest (one-time filters, so a branch not taken is never run). The code's
constants are written into the SQL, for the generic plan to know them; the query itself is read
once per statement through a scalar subquery, since a parameter in `to_tsquery()` is parsed
again for each row.

The statement also reads what a fresh search is kept with (stories.search_kept): the change
log's position, and the newest published story's id, where its walks start and the title window
ends. Read in the same statement, they are of the same moment as the candidates, and cost no
round trip of their own (a quarter of a millisecond, a fortieth of a first search).

One case is left to the planner: a word held by a few of the newest stories but not by
COMMON_IN_WINDOW of them, in a table of more than FEW_IDS stories. Its newest matches lie a
long walk down the ids, or in a GIN list as long as the table is old; which is cheaper follows
the word's frequency, which only the planner's statistics know. The prepared statement then says
so in its status row, and the candidates are read again with a statement planned for the word
(`planned_at`): a round trip more, for those words alone.
"""

from stories import search_log
from stories.models import Story

PUBLISHED = f"'{Story.Status.PUBLISHED}'"
# A word held by this many of stories.search.WORD_WINDOW newest stories is found by walking down
# the newest ids, at least a tenth of them matching: about 1,000 stories for 101 matches.
COMMON_IN_WINDOW = 10
# The walk reads at most this many times the stories its density in the window promises.
WALK_MARGIN = 4
# Up to this many stories, a word that is not common is read from the GIN index with no planning:
# a tenth of them at most, as short a read as the planner's walk would be.
FEW_IDS = 10_000
# The second column of a row: 1, a title match; 0, a match anywhere; or, in the prepared
# statement's one status row, READ (the candidates are read) or REPLAN (read them again, planned).
REPLAN = 2
READ = 3
# When a story was published, as stories.search_kept.moment() gives it: the seconds since 1970 as
# a double, correctly rounded from whole microseconds, as Python's datetime.timestamp(). Read as
# a number, the candidates' dates cost no timestamp parsing (a third of a millisecond for 200).
PUBLISHED_MOMENT = "date_part('epoch', story.published_at)"


def query(terms: list[str], *, prefix: bool) -> str:
    # Terms are \w+ words, so the tsquery holds no syntax but the & and :* written here.
    return " & ".join([*terms[:-1], f"{terms[-1]}:*" if prefix else terms[-1]])


def candidates_sql(
    terms: list[str],
    *,
    prefix: bool,
    candidates: int,
    word_window: int,
    prefix_window: int,
    title_window: int,
    planned_at: tuple[int, int] | None = None,
) -> tuple[str, dict]:
    """The statement reading both candidate sets, each row (id, set, title, body, published,
    None, None), with its parameters.

    Prepared, its last row is its status: (None, READ or REPLAN, None, None, None, the change
    log's position, the newest published id). REPLAN, for a word held by between one and
    COMMON_IN_WINDOW - 1 of the newest stories, comes with no candidates: read them with
    `planned_at`, (the newest published id, the title window's lowest id) as the status gave
    them, in a statement planned for the word, which gives the candidates' rows alone.
    """
    limit = int(candidates) + 1
    ctes = []
    if planned_at:
        # Written in, so the planner sees the words and their frequency.
        match = "to_tsquery('english'::regconfig, %(query)s)"
        newest_id, floor_id = "%(newest)s", "%(floor)s"
    else:
        # Each value read once by a scalar subquery, which no plan can see into: a plan made for
        # the values would then cost no less than the generic one, so PostgreSQL keeps that.
        # (With the ids visible, its estimate for a prefix's plan fell a hair below the generic
        # one at a million stories, and it planned every prefix afresh.)
        match = "(SELECT to_tsquery('english'::regconfig, %(query)s))"
        ctes.append(
            f"read_at AS MATERIALIZED (SELECT ({search_log.POSITION}) AS position, "
            f"COALESCE((SELECT MAX(id) FROM stories_story WHERE status = {PUBLISHED}), 0) "
            "AS newest)"
        )
        newest_id = "(SELECT newest FROM read_at)"
        floor_id = f"({newest_id} - {int(title_window) - 1})"
    window = int(prefix_window if prefix else word_window)
    found = "(SELECT COUNT(*) FROM any_recent)"
    common = f"{found} BETWEEN {COMMON_IN_WINDOW} AND {int(candidates)}"
    walk_stories = int(WALK_MARGIN * limit * window / COMMON_IN_WINDOW)
    ctes.append(
        # The matches among the newest `window` stories, stopping at the limit.
        "any_recent AS MATERIALIZED (SELECT id FROM (SELECT id, search_vector FROM stories_story "
        f"WHERE status = {PUBLISHED} AND id <= {newest_id} ORDER BY id DESC LIMIT {window}) "
        f"AS recent WHERE search_vector @@ {match} LIMIT {limit})"
    )
    # More than `candidates` among the newest: they are the set.
    branches = [f"SELECT id FROM any_recent WHERE {found} > {int(candidates)}"]
    # A prefix matching no more, or a word matching none of them: rare enough to read every match
    # from the GIN index (ordered by `id + 0`, which no index serves, so the GIN index it is).
    # So is a word that is not common, in a table of few stories.
    rare = f"{found} <= {int(candidates)}" if prefix else f"{found} = 0"
    if not prefix and not planned_at:
        rare += f" OR ({found} < {COMMON_IN_WINDOW} AND {newest_id} <= {int(FEW_IDS)})"
    branches.append(
        f"SELECT id FROM stories_story WHERE status = {PUBLISHED} AND search_vector @@ {match} "
        f"AND ({rare})"
    )
    if not prefix and planned_at:
        # The planner picks between walking the id index and the GIN index.
        branches.append(
            f"(SELECT id FROM stories_story WHERE status = {PUBLISHED} AND id <= {newest_id} "
            f"AND search_vector @@ {match} AND {found} BETWEEN 1 AND {int(candidates)} "
            f"ORDER BY id DESC LIMIT {limit})"
        )
    elif not prefix:
        # A common word: a walk down at most `walk_stories` published stories (the status and id
        # index), stopping at the limit; and should it stop short (a word far more common lately
        # than before), the older matches from GIN, below the walk's lowest match: the walk read
        # every story down to its end, so none lies between. The walk counts published stories,
        # not ids: ids taken by stories waiting, drafts or withdrawn ones (a moderator publishing
        # one from above a backlog) made it stop short, and GIN read every match of the word,
        # 1.3 s for a common one at a million stories.
        ctes.append(
            "any_walk AS MATERIALIZED (SELECT id FROM (SELECT id, search_vector FROM stories_story "
            f"WHERE status = {PUBLISHED} AND id <= {newest_id} "
            f"ORDER BY id DESC LIMIT {walk_stories}) AS walked "
            f"WHERE {common} AND search_vector @@ {match} LIMIT {limit})"
        )
        branches.append("SELECT id FROM any_walk")
        branches.append(
            f"(SELECT id FROM stories_story WHERE status = {PUBLISHED} "
            f"AND id < COALESCE((SELECT MIN(id) FROM any_walk), {newest_id} + 1) "
            f"AND search_vector @@ {match} AND {common} "
            f"AND (SELECT COUNT(*) FROM any_walk) < {limit} ORDER BY id + 0 DESC LIMIT {limit})"
        )
    ctes.append(
        f"anywhere_hits AS MATERIALIZED (SELECT id FROM ({' UNION ALL '.join(branches)}) AS hits "
        f"ORDER BY id + 0 DESC LIMIT {limit})"
    )
    # A title match is a match anywhere (search_vector holds the title). So when the set anywhere
    # holds every match (`candidates` or fewer), the title set is its members whose title
    # matches (within the window); only a longer one needs the walk down the window's stories.
    in_title = f"title_vector @@ {match}"
    found_anywhere = "(SELECT COUNT(*) FROM anywhere_hits)"
    title = (
        "(SELECT id FROM (SELECT id, title_vector FROM stories_story "
        f"WHERE status = {PUBLISHED} AND id <= {newest_id} AND id >= {floor_id} "
        f"ORDER BY id DESC LIMIT {int(title_window)}) AS recent "
        f"WHERE {found_anywhere} > {int(candidates)} AND {in_title} LIMIT {limit}) "
        "UNION ALL SELECT hits.id FROM anywhere_hits AS hits "
        "JOIN stories_story AS matched ON matched.id = hits.id "
        f"WHERE {found_anywhere} <= {int(candidates)} AND hits.id >= {floor_id} "
        f"AND matched.{in_title}"
    )
    # Each set read with what ranks it, one after the other: a story in both comes twice.
    shown = f"story.title, story.body, {PUBLISHED_MOMENT}, NULL::bigint, NULL::bigint"
    sql = (
        f"WITH {', '.join(ctes)} "
        f"SELECT title_hits.id, 1, {shown} FROM ({title}) AS title_hits "
        "JOIN stories_story AS story ON story.id = title_hits.id UNION ALL "
        f"SELECT any_hits.id, 0, {shown} FROM anywhere_hits AS any_hits "
        "JOIN stories_story AS story ON story.id = any_hits.id"
    )
    if not planned_at:
        few = min(COMMON_IN_WINDOW - 1, int(candidates))
        replan = "FALSE" if prefix else f"{found} BETWEEN 1 AND {few} AND {newest_id} > {FEW_IDS}"
        sql += (
            f" UNION ALL SELECT NULL, CASE WHEN {replan} THEN {REPLAN} ELSE {READ} END, "
            "NULL, NULL, NULL, position, newest FROM read_at"
        )
    params = {"query": query(terms, prefix=prefix)}
    if planned_at:
        params["newest"], params["floor"] = planned_at
    return sql, params
