"""Check the scale-out run (perf/loadtest/scaleout.py) and write its table."""

import json
import statistics
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from outbox.models import Email
from stories.models import Story

DRAIN_SECONDS = 120


class Command(BaseCommand):
    help = "Check a scale-out load test run: no 5xx, nothing lost or doubled, limits shared."

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", help="The run's folder (var/loadtest/scaleout).")
        parser.add_argument("--since", type=float, required=True, help="When the run started.")

    def handle(self, *args, folder: str, since: float, **options) -> None:
        out = Path(folder)
        drained_in = self._wait_for_the_queue()
        loads = [json.loads(path.read_text()) for path in sorted(out.glob("load-*.json"))]
        decisions = [
            decision
            for path in sorted(out.glob("decisions-*.json"))
            for decision in json.loads(path.read_text())
        ]
        checks = json.loads((out / "checks.json").read_text())
        mail = [json.loads(line) for line in (out / "mail.jsonl").read_text().splitlines()]

        statuses = sum((Counter(load["statuses"]) for load in loads), Counter())
        requests = sum(statuses.values())
        server_errors = sum(n for code, n in statuses.items() if code.startswith("5"))
        dropped = statuses.get("no response", 0) + statuses.get("0", 0)
        acknowledged = [title for load in loads for title in load["acknowledged"]]
        stored = Counter(
            Story.objects.filter(title__in=acknowledged).values_list("title", flat=True)
        )
        stored_once = sum(1 for title in acknowledged if stored[title] == 1)

        this_run = Email.objects.filter(created_at__gte=datetime.fromtimestamp(since, UTC))
        enqueued = this_run.count()
        # Emails a first attempt could not deliver (the mail server was away): sent by a retry.
        retried = this_run.filter(attempts__gt=1).count()
        delivered = Counter(message["fingerprint"] for message in mail)
        duplicates = sum(n - 1 for n in delivered.values())
        waits = self._decision_to_email(decisions, mail)

        row = {
            "requests": requests,
            "5xx": server_errors,
            "no response": dropped,
            "acknowledged": len(acknowledged),
            "stored once": stored_once,
            "emails enqueued": enqueued,
            "emails delivered": len(delivered),
            "duplicates": duplicates,
            "delivered by a retry": retried,
            "decisions": len(waits),
            "decision to email p50 s": _percentile(waits, 50),
            "decision to email p95 s": _percentile(waits, 95),
        }
        table = self._table(row, checks, drained_in)
        self.stdout.write(table)
        (Path(settings.VAR_DIR) / "loadtest" / "scaleout.md").write_text(table)

        failures = []
        if server_errors or dropped:
            failures.append(f"{server_errors} 5xx and {dropped} requests without an answer")
        if stored_once != len(acknowledged):
            lost_or_doubled = len(acknowledged) - stored_once
            failures.append(f"{lost_or_doubled} acknowledged stories not stored exactly once")
        if drained_in is None:
            failures.append(f"the email queue was not empty after {DRAIN_SECONDS} s")
        if len(delivered) != enqueued or duplicates:
            failures.append(
                f"{enqueued} emails enqueued, {len(delivered)} delivered, {duplicates} duplicates"
            )
        if not waits:
            failures.append("no decision was made during the run")
        if not (checks.get("hiding") or {}).get("ok"):
            failures.append(f"hiding through A, reading through B: {checks.get('hiding')}")
        limits = checks.get("login_limits", [])
        if len(limits) != 2 or not all(check["ok"] for check in limits):
            failures.append(f"login limits across servers: {limits}")
        if checks.get("errors"):
            failures.append(f"checks that could not run: {checks['errors']}")
        if failures:
            raise CommandError("Scale-out run failed: " + "; ".join(failures))

    def _wait_for_the_queue(self) -> float | None:
        started = time.monotonic()
        while time.monotonic() - started < DRAIN_SECONDS:
            if not Email.objects.waiting().exists():
                return time.monotonic() - started
            time.sleep(1)
        return None

    def _decision_to_email(self, decisions: list[dict], mail: list[dict]) -> list[float]:
        """Seconds from each acknowledged approval to the arrival of its "published" email."""
        arrivals: dict[str, float] = {}
        for message in mail:
            if "published" in message["subject"]:
                for line in message["text"].splitlines():
                    if "published it" in line and '"' in line:
                        title = line.split('"')[1]
                        arrivals.setdefault(title, message["received_at"])
        return [
            arrivals[decision["title"]] - decision["decided_at"]
            for decision in decisions
            if decision["title"] in arrivals
        ]

    def _table(self, row: dict, checks: dict, drained_in: float | None) -> str:
        lines = [
            "### Scale-out: two app servers, two task workers, PostgreSQL, Redis, object storage",
            "",
            "During the run: task worker 1 killed (SIGKILL) and started again, the mail server "
            "stopped for 10 s, Redis restarted (down 3 s).",
            "",
            "| " + " | ".join(row) + " |",
            "| " + " | ".join("---" for _ in row) + " |",
            "| " + " | ".join(_cell(value) for value in row.values()) + " |",
            "",
            f"Email queue empty {drained_in:.0f} s after the load stopped."
            if drained_in is not None
            else f"Email queue NOT empty {DRAIN_SECONDS} s after the load stopped.",
            f"Hidden through server A, then B's next signed-out page: {checks.get('hiding')}",
        ]
        for check in checks.get("login_limits", []):
            verdict = "ok" if check["ok"] else "FAILED"
            lines.append(
                f"Login limit {check['when']}: wrong passwords alternating A and B, "
                f"first refusal at attempt {check['blocked at attempt']} ({verdict})."
            )
        return "\n".join(lines) + "\n"


def _percentile(values: list[float], percent: int) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def _cell(value) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.2f}"
    return f"{value:,}"
