"""The query plans behind every page: what a page's cost grows with, read from the database.

Each page is requested once with the page and card caches empty (so every query of a full
render runs), its queries captured, and every SELECT explained with EXPLAIN (ANALYZE, BUFFERS)
on PostgreSQL. A plan whose work follows the number of stories shows it in the rows a node
reads: a sequential scan of a big table, a sort or an aggregate over all stories, an index walk
that skips its way to a deep OFFSET. The report keeps, for every query, its time, the buffers it
touched and the most rows any node produced, so two databases (100,000 and 1,000,000 stories)
compare line by line.
"""

import json
import re
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

# Tables whose size follows the number of stories: a sequential scan of one is a finding.
BIG_TABLES = ("stories_story", "stories_practicedin", "stories_taggedstory", "accounts_user")
# A node producing more rows than this, per page, is shown with the plan.
MANY_ROWS = 5_000
# A query slower than this, or touching more buffers, is shown with its plan too.
SLOW_MS = 5.0
MANY_BUFFERS = 1_000
SORTS = ("Sort", "Incremental Sort", "HashAggregate", "Aggregate")


@dataclass
class QueryPlan:
    sql: str
    ms: float
    buffers: int
    most_rows: int
    findings: list[str] = field(default_factory=list)
    text: str = ""


@dataclass
class PagePlans:
    label: str
    url: str
    status: int
    queries: list[QueryPlan]

    @property
    def ms(self) -> float:
        return sum(query.ms for query in self.queries)

    @property
    def buffers(self) -> int:
        return sum(query.buffers for query in self.queries)


def explain_page(label: str, url: str, client: Client) -> PagePlans:
    for name in ("pages", "cards"):
        caches[name].clear()
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        status = client.get(url).status_code
    selects = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].lstrip().upper().startswith(("SELECT", "WITH"))
    ]
    return PagePlans(label, url, status, [explain(sql) for sql in selects])


def explain(sql: str) -> QueryPlan:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
        (document,) = cursor.fetchone()
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {sql}")
        text = "\n".join(row[0] for row in cursor.fetchall())
    if isinstance(document, str):
        document = json.loads(document)
    root = document[0]
    plan = root["Plan"]
    nodes = list(_nodes(plan))
    findings = []
    for node in nodes:
        kind = node["Node Type"]
        relation = node.get("Relation Name", "")
        rows = node.get("Actual Rows", 0) * node.get("Actual Loops", 1)
        if kind == "Seq Scan" and relation in BIG_TABLES:
            findings.append(f"Seq Scan on {relation} ({rows:,} rows)")
        elif kind in SORTS and rows > MANY_ROWS:
            findings.append(f"{kind} over {rows:,} rows")
        elif kind == "Limit" and _offset_rows(node) > MANY_ROWS:
            findings.append(f"OFFSET skips {_offset_rows(node):,} rows")
        elif rows > MANY_ROWS * 10 and kind.endswith("Scan"):
            findings.append(f"{kind} on {relation or node.get('Index Name', '?')} ({rows:,} rows)")
    shared = plan.get("Shared Hit Blocks", 0) + plan.get("Shared Read Blocks", 0)
    return QueryPlan(
        sql=sql,
        ms=root.get("Execution Time", 0.0),
        buffers=shared,
        most_rows=max(n.get("Actual Rows", 0) * n.get("Actual Loops", 1) for n in nodes),
        findings=findings,
        text=text,
    )


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _offset_rows(limit: dict) -> int:
    children = limit.get("Plans", [])
    if not children:
        return 0
    below = children[0].get("Actual Rows", 0) * children[0].get("Actual Loops", 1)
    return max(0, below - limit.get("Actual Rows", 0))


def _short(sql: str, width: int = 110) -> str:
    sql = re.sub(r"\s+", " ", sql)
    return sql if len(sql) <= width else sql[: width - 1] + "…"


def report(pages: list[PagePlans], *, stories: int) -> str:
    """A table per page: every query's time, buffers, largest node and findings; then the plans
    of the queries with findings."""
    lines = [f"## Query plans at {stories:,} stories", ""]
    lines += ["| page | queries | total ms | buffers | findings |", "|---|---|---|---|---|"]
    for page in pages:
        found = sum(len(query.findings) for query in page.queries)
        lines.append(
            f"| {page.label} | {len(page.queries)} | {page.ms:.2f} | {page.buffers:,} | "
            f"{found or ''} |"
        )
    for page in pages:
        lines += ["", f"### {page.label} (`{page.url}`, {page.status})", ""]
        lines += ["| ms | buffers | most rows | findings | query |", "|---|---|---|---|---|"]
        for query in page.queries:
            findings = "; ".join(query.findings)
            sql = _short(query.sql).replace("|", "\\|")
            lines.append(
                f"| {query.ms:.2f} | {query.buffers:,} | {query.most_rows:,} | {findings} | "
                f"`{sql}` |"
            )
        for query in page.queries:
            if query.findings or query.ms > SLOW_MS or query.buffers > MANY_BUFFERS:
                lines += ["", "```", _short(query.sql, 400), query.text, "```"]
    return "\n".join(lines) + "\n"
