"""make bench: seed a separate database at scale, time every page in-process and under gunicorn."""

import os
import platform
import shutil
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.models import User
from perf.bench import seed, serve, uploads
from perf.bench.measure import REQUESTS, measure_page
from stories.models import Story

READER_PAGES_UNDER_LOAD = [
    "stories list, page 1",
    "story detail",
    "practice page",
    "search, common word",
]


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
            report = self._uploads_report(upload_result)
            self.stdout.write(report)
            (out / "uploads.md").write_text(report)
            return self._check_uploads_limit(upload_result)

        if stories < 100:
            raise CommandError("Seed at least 100 stories (--stories, BENCH_STORIES).")

        seeding = self._seed(reseed, stories)
        pages = self._pages(stories)
        self.stdout.write(f"Timing {len(pages)} pages in-process, {requests} requests each...")
        results = [measure_page(label, url, client, requests) for label, url, client in pages]
        floor = results[0]

        load_results, worker_mb = [], 0.0
        if shutil.which("wrk"):
            self.stdout.write("Serving with gunicorn and loading it with wrk...")
            under_load = [("hello (floor)", pages[0][1])] + [
                (label, url) for label, url, _ in pages if label in READER_PAGES_UNDER_LOAD
            ]
            with serve.Gunicorn(serve.server_env({})) as server:
                for label, url in under_load:
                    load_results.append(
                        serve.load(label, url, seconds=load_seconds, connections=connections)
                    )
                worker_mb = server.worker_peak_mb()
        else:
            self.stderr.write(
                "wrk is not installed: skipping the load phase (apt-get install wrk)."
            )

        upload_result = self._uploads(out)
        report = self._report(
            seeding, results, floor, load_results, worker_mb, requests, connections, load_seconds
        ) + self._uploads_report(upload_result)
        self.stdout.write(report)
        out.mkdir(parents=True, exist_ok=True)
        (out / "latest.md").write_text(report)
        (out / f"latest-{connection.vendor}.md").write_text(report)
        self.stdout.write(f"Written to {out / 'latest.md'}")
        self._check_uploads_limit(upload_result)

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
        if seed.is_seeded(stories) and not reseed:
            self.stdout.write(
                "The benchmark database is already seeded; reusing it (--reseed to redo)."
            )
            return {"reused": True}
        self.stdout.write("Seeding the benchmark database...")
        result = seed.seed(progress=lambda line: self.stdout.write(f"  {line}"), published=stories)
        moderator, _ = User.objects.get_or_create(
            email="moderator@bench.example", defaults={"display_name": "Bench moderator"}
        )
        moderator.groups.add(Group.objects.get(name="Moderators"))
        return result

    def _pages(self, stories: int) -> list[tuple[str, str, Client]]:
        visitor = Client(HTTP_HOST="127.0.0.1")
        moderator_client = Client(HTTP_HOST="127.0.0.1")
        moderator_client.force_login(User.objects.get(email="moderator@bench.example"))
        middle = Story.objects.published().order_by("-published_at")[stories // 2]
        # Two fifths of the way through the list: page 2,000 of 5,000 at the default size.
        deep_page = max(2, stories // settings.STORIES_PER_PAGE * 2 // 5)
        return [
            ("hello (floor)", "/bench/hello/", visitor),
            ("home", "/", visitor),
            ("stories list, page 1", "/stories/", visitor),
            (f"stories list, page {deep_page:,}", f"/stories/?page={deep_page}", visitor),
            ("list by practice", "/stories/?practice=give-grace", visitor),
            ("list by tag", "/stories/?tag=bench-tag-7", visitor),
            (
                "list, combined filters",
                "/stories/?practice=give-grace&setting=grocery&perspective=customer",
                visitor,
            ),
            ("story detail", middle.get_absolute_url(), visitor),
            ("practice page", "/practices/give-grace/", visitor),
            ("search, common word", f"/search/?q={seed.COMMON_WORD}", visitor),
            ("search, rare word", f"/search/?q={seed.RARE_WORD}", visitor),
            ("feed", "/feed/", visitor),
            ("moderation queue (moderator)", "/moderation/", moderator_client),
        ]

    def _report(
        self, seeding, results, floor, load_results, worker_mb, requests, connections, seconds
    ) -> str:
        published = Story.objects.published().count()
        pending = Story.objects.filter(status=Story.Status.SUBMITTED).count()
        lines = [
            f"## Benchmark, {timezone.now():%Y-%m-%d %H:%M} UTC, {connection.vendor}",
            "",
            f"{published:,} published and {pending:,} pending stories; "
            f"Python {platform.python_version()}, {os.cpu_count()} cores; debug off.",
        ]
        if seeding.get("reused"):
            lines.append("Seeding: reused an already seeded database.")
        else:
            lines.append(
                f"Seeding: {seeding['seconds']:.0f} s, peak memory {seeding['peak_mb']:.0f} MB."
            )
        lines += [
            "",
            f"### In-process (Django test client), {requests} requests a page, signed out",
            "",
            "Cold: the first request on an empty page cache. Warm: the next ones.",
            "",
            "| page | status | queries cold | warm | cold ms | p50 ms | p95 ms | p50/floor |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for r in results:
            lines.append(
                f"| {r.name} | {r.status} | {r.cold_queries} | {r.warm_queries} "
                f"| {r.cold_ms:.1f} | {r.p50_ms:.2f} | {r.p95_ms:.2f} "
                f"| {r.p50_ms / floor.p50_ms:.1f}x |"
            )
        if load_results:
            floor_rps = load_results[0].requests_per_second
            lines += [
                "",
                f"### gunicorn ({serve.WORKERS} sync workers) on 127.0.0.1, "
                f"wrk with {connections} connections, {seconds} s a page",
                "",
                "| page | requests/s | share of floor | p99 ms | errors |",
                "| --- | --- | --- | --- | --- |",
            ]
            for r in load_results:
                lines.append(
                    f"| {r.name} | {r.requests_per_second:,.0f} "
                    f"| {r.requests_per_second / floor_rps:.0%} | {r.p99_ms:.1f} | {r.errors} |"
                )
            lines += ["", f"Peak memory of a gunicorn worker: {worker_mb:.0f} MB."]
        return "\n".join(lines) + "\n"
