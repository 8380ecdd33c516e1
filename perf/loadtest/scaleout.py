"""make loadtest, the scale-out run: two app servers and two task workers sharing PostgreSQL,
Redis, object storage and a mail server, with load split across both servers.

While the load runs, things go wrong on purpose: a worker is killed and started again, the mail
server stops for ten seconds, Redis restarts. Meanwhile the run checks what must hold across
servers: a story hidden through server A is gone from server B's very next signed-out page, and
the login limit stops an attacker at the same count whichever server answers. Afterwards
`manage.py loadtest_scaleout_verify` checks that every acknowledged submission is stored once and
every email enqueued was delivered exactly once, and writes the table.

Run by scripts/loadtest with the environment of the load test (perf.settings, DATABASE_URL on
PostgreSQL) as `python -m perf.loadtest.scaleout --seconds 60`.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
import urllib3

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

OUT = Path("var/loadtest/scaleout")
CERT = Path("var/loadtest/cert.pem")
KEY = Path("var/loadtest/key.pem")
PYTHON = ".venv/bin/python"
BUCKET = "flip-the-counter-loadtest"
STORY_LINK = re.compile(r'href="/stories/(\d+)-[^"/]+/"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Members 0-19 carry the load (ten on each server); the next ones flag in the hiding check.
LOAD_MEMBERS = 20
# allauth's answer once an account's failed logins reach the limit (a form error, not a 429).
LOGIN_REFUSED = "Too many failed login attempts."
# The load's hard stop, as a multiple of --seconds, if the timeline never finished.
LONGEST_RUN = 5
# Generous: the checks run while the servers are under load on a small machine.
TIMEOUT = 60
FLAGGING_MEMBERS = 5


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port} after {seconds:.0f} s")


def browser(session_key: str = "") -> requests.Session:
    """A client for the run's self-signed certificate (REQUESTS_CA_BUNDLE would override it)."""
    session = requests.Session()
    session.trust_env = False
    session.verify = False
    if session_key:
        session.cookies.set("sessionid", session_key, domain="127.0.0.1")
    return session


def log(line: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {line}", flush=True)


class Service:
    """One process the run starts, stops, kills and starts again."""

    def __init__(self, name: str, command: list[str], env: dict, port: int | None = None):
        self.name, self.command, self.env, self.port = name, command, env, port
        self.process: subprocess.Popen | None = None
        self.log = (OUT / f"{name}.log").open("a")

    def start(self) -> "Service":
        self.process = subprocess.Popen(
            self.command, env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )
        if self.port:
            wait_for_port(self.port)
        return self

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


class Run:
    def __init__(self, seconds: int) -> None:
        self.seconds = seconds
        self.checks: dict = {"hiding": None, "login_limits": []}
        self.services: list[Service] = []
        self.redis_port, self.s3_port, self.smtp_port = free_port(), free_port(), free_port()
        self.ports = {"A": free_port(), "B": free_port()}
        self.env = dict(os.environ)
        self.env.update(
            {
                "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
                "AWS_STORAGE_BUCKET_NAME": BUCKET,
                "AWS_S3_ENDPOINT_URL": f"http://127.0.0.1:{self.s3_port}",
                "AWS_ACCESS_KEY_ID": "loadtest",
                "AWS_SECRET_ACCESS_KEY": "loadtest-secret",
                "AWS_S3_REGION_NAME": "us-east-1",
                "AWS_S3_ADDRESSING_STYLE": "path",
                "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "DJANGO_EMAIL_HOST": "127.0.0.1",
                "DJANGO_EMAIL_PORT": str(self.smtp_port),
                "DJANGO_EMAIL_USE_TLS": "false",
                "DJANGO_EMAIL_TIMEOUT": "3",
                # Relaxed for the run only: members made a minute ago may flag.
                "FLAG_MIN_ACCOUNT_DAYS": "0",
            }
        )

    def url(self, server: str, path: str) -> str:
        return f"https://127.0.0.1:{self.ports[server]}{path}"

    # Services

    def start_services(self) -> None:
        redis = shutil.which("redis-server")
        if not redis:
            raise SystemExit("redis-server is not installed (apt-get install redis-server)")
        self.redis = self._service(
            "redis",
            [redis, "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
            self.redis_port,
        )
        self.s3 = self._service(
            "s3",
            [".venv/bin/moto_server", "-H", "127.0.0.1", "-p", str(self.s3_port)],
            self.s3_port,
        )
        import boto3

        boto3.client(
            "s3",
            endpoint_url=self.env["AWS_S3_ENDPOINT_URL"],
            aws_access_key_id="loadtest",
            aws_secret_access_key="loadtest-secret",
            region_name="us-east-1",
        ).create_bucket(Bucket=BUCKET)
        self.smtp = self._service(
            "smtp",
            [PYTHON, "-m", "perf.loadtest.smtp_sink", "--port", str(self.smtp_port)]
            + ["--out", str(OUT / "mail.jsonl")],
            self.smtp_port,
        )
        for name, port in self.ports.items():
            self._service(
                f"app-{name}",
                [".venv/bin/gunicorn", "kindness.wsgi:application", "--bind", f"127.0.0.1:{port}"]
                + ["--workers", "2", "--threads", "4", "--worker-class", "gthread"]
                + ["--keep-alive", "30", "--log-level", "warning"]
                + ["--certfile", str(CERT), "--keyfile", str(KEY)],
                port,
            )
        self.workers = [
            self._service(f"worker-{n}", [PYTHON, "manage.py", "db_worker"]) for n in (1, 2)
        ]

    def _service(self, name: str, command: list[str], port: int | None = None) -> Service:
        service = Service(name, command, self.env, port).start()
        self.services.append(service)
        return service

    def stop_services(self) -> None:
        for service in reversed(self.services):
            service.stop()

    # Trouble, on a timetable

    def trouble(self) -> None:
        """One step after another, each at its time or as soon as the one before has finished:
        the two login checks must not overlap (they share the per-address limit) and the second
        must come after Redis restarted."""
        at = self.seconds
        timetable = [
            (0.10 * at, self.check_hiding),
            (0.15 * at, lambda: self.check_login_limit("before Redis restarts")),
            (0.25 * at, self.kill_worker),
            (0.40 * at, self.stop_mail_server),
            (0.60 * at, self.restart_redis),
            (0.75 * at, lambda: self.check_login_limit("after Redis restarted")),
        ]
        started = time.monotonic()

        def run() -> None:
            for when, step in timetable:
                time.sleep(max(0.0, started + when - time.monotonic()))
                try:
                    step()
                except Exception as error:  # noqa: BLE001 - a failed check is recorded
                    log(f"{step!r} failed: {error!r}")
                    self.checks.setdefault("errors", []).append(repr(error))

        self.timeline = threading.Thread(target=run, daemon=True)
        self.timeline.start()

    def kill_worker(self) -> None:
        worker = self.workers[0]
        log("killing task worker 1 (SIGKILL)")
        worker.stop(signal.SIGKILL)
        time.sleep(3)
        worker.start()
        log("task worker 1 started again")

    def stop_mail_server(self) -> None:
        log("stopping the mail server for 10 s")
        self.smtp.stop()
        time.sleep(10)
        self.smtp.start()
        log("the mail server is back")

    def restart_redis(self) -> None:
        log("restarting Redis (down for 3 s)")
        self.redis.stop()
        time.sleep(3)
        self.redis.start()
        log("Redis is back")

    # What must hold across servers

    def check_hiding(self) -> None:
        """Members flag a story through A until it hides; B's next signed-out page lacks it."""
        visitor = browser()
        listing = visitor.get(self.url("B", "/stories/"), timeout=TIMEOUT)
        story_id = STORY_LINK.findall(listing.text)[-1]
        story_path = f"/stories/{story_id}-x/"
        before = visitor.get(self.url("B", story_path), timeout=TIMEOUT).status_code
        sessions = json.loads(Path("var/loadtest/sessions.json").read_text())
        flaggers = [f"loadtest{n}@example.com" for n in range(LOAD_MEMBERS, LOAD_MEMBERS + 5)]
        for email in flaggers[:FLAGGING_MEMBERS]:
            member = browser(sessions[email])
            page = member.get(self.url("A", story_path), timeout=TIMEOUT)
            if page.status_code == 404:
                break  # hidden by the flags so far
            token = CSRF.search(page.text).group(1)
            member.post(
                self.url("A", f"/stories/{story_id}/flag/"),
                {"csrfmiddlewaretoken": token, "reason": "unkind", "note": "load test"},
                headers={"Referer": self.url("A", story_path)},
                timeout=TIMEOUT,
            )
        after = visitor.get(self.url("B", story_path), timeout=TIMEOUT).status_code
        listed = (
            f'href="/stories/{story_id}-'
            in visitor.get(self.url("B", "/stories/"), timeout=TIMEOUT).text
        )
        self.checks["hiding"] = {
            "story": story_id,
            "B before": before,
            "B after": after,
            "still listed on B": listed,
            "ok": before == 200 and after == 404 and not listed,
        }
        log(f"hiding through A, reading from B: {self.checks['hiding']}")

    def check_login_limit(self, when: str) -> None:
        """Wrong passwords for one account, alternating servers: the sixth is refused."""
        attacker = browser()
        victim = f"victim-{len(self.checks['login_limits'])}@example.com"
        answers = []
        # Behind the proxy both servers answer for one public host, and allauth counts an
        # account's failed logins per host and email address: the attacker's requests say so too.
        public = {"Host": "localhost", "Referer": "https://localhost/accounts/login/"}
        for attempt in range(12):
            server = "AB"[attempt % 2]
            login_page = self.url(server, "/accounts/login/")
            page = attacker.get(login_page, headers=public, timeout=TIMEOUT)
            token = CSRF.search(page.text)
            response = attacker.post(
                login_page,
                {
                    "csrfmiddlewaretoken": token.group(1) if token else "",
                    "login": victim,
                    "password": f"wrong-{attempt}",
                },
                headers=public,
                timeout=TIMEOUT,
            )
            refused = response.status_code == 429 or LOGIN_REFUSED in response.text
            answers.append((server, "refused" if refused else response.status_code))
        first_block = next(
            (n for n, (_, answer) in enumerate(answers, 1) if answer == "refused"), None
        )
        self.checks["login_limits"].append(
            {
                "when": when,
                "answers": answers,
                "blocked at attempt": first_block,
                # Five failures per account: the sixth is refused, whichever server answers,
                # and so is every attempt after it.
                "ok": first_block == 6 and all(answer == "refused" for _, answer in answers[5:]),
            }
        )
        log(f"login limit {when}: first refusal at attempt {first_block}")

    # The load

    def load(self) -> None:
        sessions = json.loads(Path("var/loadtest/sessions.json").read_text())
        runs = []
        for offset, server in enumerate(self.ports):
            env = dict(self.env)
            env.update(
                {
                    "LOADTEST_OUTPUT": str(OUT / f"load-{server}.json"),
                    "LOADTEST_DECISIONS": str(OUT / f"decisions-{server}.json"),
                    "LOADTEST_READERS": "25",
                    "LOADTEST_MEMBERS": "10",
                    "LOADTEST_MEMBER_OFFSET": str(offset * 10),
                    "LOADTEST_MODERATOR_SESSION": sessions["moderator@example.com"],
                }
            )
            runs.append(
                subprocess.Popen(
                    [".venv/bin/locust", "-f", "perf/loadtest/scaleout_locustfile.py"]
                    + ["--headless", "--host", self.url(server, "")]
                    + ["--users", "36", "--spawn-rate", "12"]
                    + ["--run-time", f"{self.seconds * LONGEST_RUN}s"]
                    + ["--stop-timeout", "10", "--only-summary", "--exit-code-on-error", "0"],
                    env=env,
                    stdout=(OUT / f"locust-{server}.log").open("w"),
                    stderr=subprocess.STDOUT,
                )
            )
        self.trouble()
        # The load lasts `seconds`, and longer if the timeline has not finished by then: every
        # outage must happen under load. SIGTERM makes locust write its results and stop.
        started = time.monotonic()
        self.timeline.join()
        time.sleep(max(0.0, started + self.seconds - time.monotonic()))
        for process in runs:
            process.terminate()
        for process in runs:
            process.wait()
        (OUT / "checks.json").write_text(json.dumps(self.checks, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    if args.seconds < 40:
        raise SystemExit("The scale-out run needs 40 seconds at least for its timetable.")
    OUT.mkdir(parents=True, exist_ok=True)
    for stale in OUT.iterdir():
        stale.unlink()
    run = Run(args.seconds)
    started = time.time()
    try:
        run.start_services()
        log(
            f"two app servers on ports {run.ports['A']} and {run.ports['B']}, two workers, "
            f"Redis on {run.redis_port}, object storage on {run.s3_port}, mail on {run.smtp_port}"
        )
        run.load()
        verify = subprocess.run(
            [PYTHON, "manage.py", "loadtest_scaleout_verify", str(OUT), "--since", str(started)],
            env=run.env,
        )
    finally:
        run.stop_services()
    sys.exit(verify.returncode)


if __name__ == "__main__":
    main()
