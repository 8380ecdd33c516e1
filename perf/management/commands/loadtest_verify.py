import json
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from stories.models import Story


class Command(BaseCommand):
    help = "Check a load test run: no 5xx, every acknowledged submission stored exactly once."

    def add_arguments(self, parser) -> None:
        parser.add_argument("results", help="The JSON file the locustfile wrote.")
        parser.add_argument("--label", default="run")
        parser.add_argument(
            "--outage", action="store_true", help="The database was restarted during this run."
        )

    def handle(self, *args, results: str, label: str, outage: bool, **options) -> None:
        data = json.loads(Path(results).read_text())
        statuses = Counter(data["statuses"])
        acknowledged = data["acknowledged"]
        stored = Counter(
            Story.objects.filter(title__in=acknowledged).values_list("title", flat=True)
        )
        lost = [title for title in acknowledged if stored[title] == 0]
        doubled = [title for title in acknowledged if stored[title] > 1]
        total = sum(statuses.values())
        server_errors = sum(n for code, n in statuses.items() if code.startswith("5"))
        unavailable = statuses.get("503", 0)
        dropped = statuses.get("no response", 0) + statuses.get("0", 0)
        row = (
            f"| {label} | {total:,} | {server_errors} ({unavailable} were 503) | {dropped} "
            f"| {len(acknowledged)} | {len(acknowledged) - len(lost) - len(doubled)} "
            f"| {len(lost)} | {len(doubled)} |"
        )
        self.stdout.write(row)
        # During a database restart the site must answer 503 ("try again"), never a bare 500.
        allowed = unavailable if outage else 0
        if server_errors > allowed or lost or doubled:
            raise CommandError(
                f"{label}: failed ({server_errors} 5xx of which {unavailable} 503, "
                f"{len(lost)} lost, {len(doubled)} stored twice)."
            )
