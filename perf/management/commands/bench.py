"""make bench: seed a separate database at scale, time every page in-process and under gunicorn."""

import json
import os
import platform
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from perf.bench import first_search, pages, people, plans, report, seed, serve, uploads
from perf.bench import pledges as bench_pledges
from perf.bench.floor import Floor
from perf.bench.measure import REQUESTS, measure_after_publish, measure_page
from stories.models import Story

PAGES_UNDER_LOAD = [
    pages.FLOOR,
    "stories list, page 1",
    "story page",
    "practice page",
    "search, common word",
]
# A signed-in member's pages under load, with their session cookie: never the page cache.
SIGNED_IN_UNDER_LOAD = ["stories list, page 1", "story page"]
# The cold table's p50 is the median of this many first requests: of five, a single slow one
# could move a page past its target from one run to the next.
COLD_ROUNDS = 21
# The tables `--only` may pick; the floor is always timed, as every table is read against it.
TABLES = ("visitor", "member", "moderator", "cold", "search", "load")
# Each query of perf.bench.first_search searched afresh this many times.
SEARCH_ROUNDS = 2


class Command(BaseCommand):
    help = "Benchmark the site on its own database (never the development one)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--reseed", action="store_true", help="Seed again even if seeded.")
        parser.add_argument(
            "--stories",
            type=int,
            default=seed.PUBLISHED,
            help="Published stories to seed (a smaller count makes a quick smoke run).",
        )
        parser.add_argument("--requests", type=int, default=REQUESTS)
        parser.add_argument("--load-seconds", type=int, default=10)
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument(
            "--skip-uploads",
            action="store_true",
            help="Leave out the photo uploads' memory (a quicker run of the page timings).",
        )
        parser.add_argument(
            "--only",
            default=",".join(TABLES),
            help=(
                f"Comma-separated tables to time, of {', '.join(TABLES)}; 'seed' seeds only; "
                "'plans' explains every page's queries instead (PostgreSQL)."
            ),
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=serve.WORKERS,
            help="gunicorn workers in the load table.",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=1,
            help="Threads per gunicorn worker (more than 1 serves with gthread workers).",
        )
        parser.add_argument(
            "--uploads-only",
            action="store_true",
            help="Only measure the memory of six worst-case photo uploads at once.",
        )

    def handle(
        self,
        *args,
        reseed: bool,
        stories: int,
        requests: int,
        load_seconds: int,
        connections: int,
        uploads_only: bool,
        skip_uploads: bool,
        only: str,
        workers: int,
        threads: int,
        **options,
    ):
        name = str(settings.DATABASES["default"]["NAME"])
        if "bench" not in name:
            raise CommandError(f"Refusing to benchmark on {name!r}: run it through `make bench`.")
        if settings.DEBUG:
            raise CommandError("Benchmark with DJANGO_DEBUG=false, as production runs.")

        out = Path(settings.VAR_DIR) / "bench"
        if uploads_only:
            upload_result = self._uploads(out)
            uploads_text = self._uploads_report(upload_result)
            self.stdout.write(uploads_text)
            (out / "uploads.md").write_text(uploads_text)
            return self._check_uploads_limit(upload_result)

        if stories < 100:
            raise CommandError("Seed at least 100 stories (--stories, BENCH_STORIES).")

        tables = {name.strip() for name in only.split(",") if name.strip()}
        if unknown := tables - {*TABLES, "seed", "plans"}:
            raise CommandError(f"Unknown tables in --only: {', '.join(sorted(unknown))}.")
        seeding = self._seed(reseed, stories)
        if tables == {"seed"}:
            self.stdout.write(report.seeding_line(seeding))
            return
        someone = people.member()
        moderator = people.moderator()
        people.keep_some_stories_flagged()
        # A database seeded before pledges existed still gives My pledges rows to show.
        bench_pledges.give_member_pledges(someone, now=timezone.now())
        visitor_pages = pages.visitor_pages(stories, someone=someone)
        visitor = pages.visitor()
        member = people.signed_in(someone)
        moderator_client = people.signed_in(moderator)
        if tables == {"plans"}:
            return self._plans(stories, someone, member, moderator_client)

        sections = [self._heading(seeding)]
        floor = Floor(visitor_pages[0].url, visitor, requests)
        tables_text = []
        if "visitor" in tables:
            self.stdout.write(f"Timing {len(visitor_pages)} pages for a visitor...")
            visitor_results = [floor.sample()]
            visitor_results += [
                measure_page(p.label, p.url, visitor, requests) for p in visitor_pages[1:]
            ]
            tables_text.append(
                lambda: report.visitor_table(visitor_results, requests, floor.p50_ms)
            )
        member_pages = pages.member_pages(stories, someone=someone)
        if "member" in tables:
            self.stdout.write(f"Timing {len(member_pages)} pages for a signed-in member...")
            floor.sample()
            # The price of signing in, on pages that do nothing else: the floor itself, and a
            # page in the site's layout (base.html, its context processors and its footer).
            layout = pages.baseline()[1]
            baseline = [measure_page(layout.label, layout.url, visitor, requests)]
            signed_in = [
                measure_page(f"{p.label} (signed in)", p.url, member, requests)
                for p in pages.baseline()
            ]
            member_results = [
                *baseline,
                *signed_in,
                *(measure_page(p.label, p.url, member, requests) for p in member_pages),
            ]
            tables_text.append(
                lambda: report.signed_in_table(
                    f"### Signed in as a member, {requests} requests a page",
                    member_results,
                    floor.p50_ms,
                    p50_target=report.READER_P50,
                    p95_target=report.READER_P95,
                )
            )
        if "moderator" in tables:
            self.stdout.write("Timing the moderation pages...")
            floor.sample()
            moderator_results = [
                measure_page(p.label, p.url, moderator_client, requests)
                for p in pages.moderator_pages()
            ]
            moderator_title = (
                f"### Signed in as a moderator, {self._waiting():,} stories waiting, "
                f"{requests} requests a page"
            )
            tables_text.append(
                lambda: report.signed_in_table(
                    moderator_title,
                    moderator_results,
                    floor.p50_ms,
                    p50_target=report.MODERATION_P50,
                    p95_target=report.MODERATION_P50,
                )
            )
        if "cold" in tables:
            self.stdout.write("Timing the first visitor after a publish...")
            floor.sample()
            publisher = pages.Publisher()
            cold_results = [
                measure_after_publish(p.label, p.url, visitor, publisher, COLD_ROUNDS)
                for p in visitor_pages[1:]
            ]
            tables_text.append(lambda: report.cold_table(cold_results, floor.p50_ms, COLD_ROUNDS))
        if "search" in tables:
            self.stdout.write("Timing the first search for queries no process has searched...")
            floor.sample()
            search_results = first_search.measure(member, rounds=SEARCH_ROUNDS)
            tables_text.append(lambda: report.first_search_table(search_results, floor.p50_ms))
        # Once more at the end, so the floor spans the whole in-process run; every verdict is
        # read against the median of its timings, hence the tables are written only now.
        floor.sample()
        sections.append(["", floor.line()])
        sections += [table() for table in tables_text]

        if "load" in tables and shutil.which("wrk"):
            self.stdout.write("Serving with gunicorn and loading it with wrk...")
            load_results, worker_mb = self._load(
                visitor_pages,
                member_pages,
                member,
                load_seconds,
                connections,
                serve.Workers(workers, threads),
            )
            sections.append(
                report.load_table(
                    load_results,
                    connections=connections,
                    seconds=load_seconds,
                    worker_mb=worker_mb,
                    workers=serve.Workers(workers, threads),
                )
            )
        elif "load" in tables:
            self.stderr.write(
                "wrk is not installed: skipping the load phase (apt-get install wrk)."
            )

        upload_result = None if skip_uploads else self._uploads(out)
        text = "\n\n".join("\n".join(section) for section in sections) + "\n"
        if upload_result is not None:
            text += self._uploads_report(upload_result)
        self.stdout.write(text)
        out.mkdir(parents=True, exist_ok=True)
        if tables == set(TABLES):
            written = out / "latest.md"
            (out / f"latest-{connection.vendor}.md").write_text(text)
        else:
            # A partial run leaves the report of the last full run alone.
            written = out / f"partial-{'-'.join(sorted(tables))}-{connection.vendor}.md"
        written.write_text(text)
        self.stdout.write(f"Written to {written}")
        if upload_result is not None:
            self._check_uploads_limit(upload_result)

    def _load(
        self,
        visitor_pages,
        member_pages,
        member,
        seconds: int,
        connections: int,
        workers: "serve.Workers",
    ):
        cookie = people.session_cookie(member)
        by_label = {p.label: p for p in [*visitor_pages, *member_pages]}
        runs = [(p.label, p.url, "") for p in visitor_pages if p.label in PAGES_UNDER_LOAD]
        runs += [
            (f"{label} (signed in)", by_label[label].url, cookie) for label in SIGNED_IN_UNDER_LOAD
        ]
        runs.append((f"{pages.FLOOR}, again last", visitor_pages[0].url, ""))
        results = []
        with serve.Gunicorn(serve.server_env({}), workers) as server:
            for label, url, with_cookie in runs:
                results.append(
                    serve.load(
                        label,
                        url,
                        address=server.address,
                        seconds=seconds,
                        connections=connections,
                        cookie=with_cookie,
                    )
                )
            worker_mb = server.worker_peak_mb()
        return results, worker_mb

    def _plans(self, stories: int, someone, member, moderator_client) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("--only plans explains PostgreSQL's plans: run it on PostgreSQL.")
        self.stdout.write("Explaining every page's queries...")
        explained = [
            plans.explain_page(p.label, p.url, member)
            for p in pages.member_pages(stories, someone=someone)
        ] + [plans.explain_page(p.label, p.url, moderator_client) for p in pages.moderator_pages()]
        text = plans.report(explained, stories=Story.objects.published().count())
        written = Path(settings.VAR_DIR) / "bench" / f"plans-postgresql-{stories}.md"
        written.parent.mkdir(parents=True, exist_ok=True)
        written.write_text(text)
        self.stdout.write(text.split("\n### ")[0])
        self.stdout.write(f"Written to {written}")

    def _waiting(self) -> int:
        return Story.objects.awaiting_review().count()

    def _heading(self, seeding: dict) -> list[str]:
        published = Story.objects.published().count()
        return [
            f"## Benchmark, {timezone.now():%Y-%m-%d %H:%M} UTC, {connection.vendor}",
            "",
            f"{published:,} published and {self._waiting():,} pending stories; "
            f"Python {platform.python_version()}, {os.cpu_count()} cores, load average "
            f"{os.getloadavg()[0]:.1f} at the end (the machine may be shared); debug off.",
            report.seeding_line(seeding),
        ]

    def _uploads(self, out: Path) -> uploads.UploadsResult:
        self.stdout.write(f"Processing {uploads.CONCURRENT} worst-case photo uploads at once...")
        return uploads.measure(out / "uploads")

    def _uploads_report(self, result: uploads.UploadsResult) -> str:
        verdict = "within" if result.within_limit else "OVER"
        return "\n".join(
            [
                "",
                f"### {uploads.CONCURRENT} worst-case photo uploads at once, in one process",
                "",
                f"Peak memory: **{result.peak_mb:.0f} MB** ({verdict} the {uploads.LIMIT_MB} MB "
                f"limit), from {result.before_mb:.0f} MB before the uploads.",
                "",
                "| upload | slowest of the six | outcome |",
                "| --- | --- | --- |",
                f"| flat PNG, {uploads.PNG_SIZE[0]} x {uploads.PNG_SIZE[1]} "
                f"| {result.png_ms:,.0f} ms | {result.png_outcome} |",
                f"| JPEG, {uploads.JPEG_SIZE[0]} x {uploads.JPEG_SIZE[1]} (40 MP) "
                f"| {result.jpeg_ms:,.0f} ms | {result.jpeg_outcome} |",
                "",
            ]
        )

    def _check_uploads_limit(self, result: uploads.UploadsResult) -> None:
        if not result.within_limit:
            raise CommandError(f"Worst-case uploads went over {uploads.LIMIT_MB} MB (see above).")

    def _seed(self, reseed: bool, stories: int) -> dict:
        record = Path(settings.VAR_DIR) / "bench" / f"seeding-{connection.vendor}-{stories}.json"
        if seed.is_seeded(stories) and not reseed:
            self.stdout.write(
                "The benchmark database is already seeded; reusing it (--reseed to redo)."
            )
            earlier = json.loads(record.read_text()) if record.exists() else {}
            return {**earlier, "reused": True}
        self.stdout.write("Seeding the benchmark database...")
        result = seed.seed(progress=lambda line: self.stdout.write(f"  {line}"), published=stories)
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps(result))
        return result
