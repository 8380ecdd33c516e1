"""Serve the site with gunicorn on 127.0.0.1 and drive it with wrk: throughput under load."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
WORKERS = 2
# A shared machine under load (five test suites at once) can take half a minute to import Django.
START_SECONDS = 90


@dataclass(frozen=True)
class Workers:
    """How gunicorn serves: `count` processes, each with `threads` threads (gthread above 1)."""

    count: int = WORKERS
    threads: int = 1

    def args(self) -> list[str]:
        args = ["--workers", str(self.count)]
        if self.threads > 1:
            args += ["--worker-class", "gthread", "--threads", str(self.threads)]
        return args

    def __str__(self) -> str:
        if self.threads > 1:
            return f"{self.count} gthread workers of {self.threads} threads"
        return f"{self.count} sync workers"


@dataclass
class LoadResult:
    name: str
    url: str
    requests_per_second: float
    p99_ms: float
    errors: int
    signed_in: bool = False
    p999_ms: float | None = None


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse_wrk(output: str) -> tuple[float, float, float | None, int]:
    """Requests a second, p99 and p99.9 (ms, from TAIL_SCRIPT) and errors of a wrk run."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE).group(1))
    tail = re.search(r"^Latency 99\.9%: (\d+)us$", output, re.MULTILINE)
    p999 = int(tail.group(1)) / 1000 if tail else None
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        errors += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        errors += sum(int(group) for group in match.groups())
    return rps, p99, p999, errors


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Gunicorn:
    """A production server for the benchmark's lifetime: debug off, two sync workers by default."""

    def __init__(self, env: dict[str, str], workers: Workers | None = None):
        self.env = env
        self.workers = workers or Workers()
        self.process: subprocess.Popen | None = None
        self.address = f"{HOST}:{_free_port()}"

    def __enter__(self) -> "Gunicorn":
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.process = subprocess.Popen(
            [
                gunicorn,
                "kindness.wsgi:application",
                "--bind",
                self.address,
                *self.workers.args(),
                "--log-level",
                "warning",
            ],
            env=self.env,
        )
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://{self.address}/bench/hello/", timeout=1)
                return self
            except OSError:
                time.sleep(0.2)
        # __exit__ never runs for a failed __enter__: without this, the server outlives the
        # benchmark and holds its output open.
        self.__exit__(None, None, None)
        raise RuntimeError(f"gunicorn did not start within {START_SECONDS} seconds")

    def worker_peak_mb(self) -> float:
        return max((_peak_mb(pid) for pid in _children(self.process.pid)), default=0.0)

    def __exit__(self, *exc) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def _free_port() -> int:
    """A port nobody listens on now: other programs on a shared machine may hold a fixed one."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


# Requests sent one after another before wrk starts: enough for each worker to have rendered
# the page once (the shared page is kept per process), so wrk times the steady state, not a
# pile of first renders racing each other in the first second.
WARM_UP_REQUESTS = 12

# Prints the p99.9 that wrk --latency leaves out.
TAIL_SCRIPT = Path(__file__).with_name("tail.lua")


def warm_up(path: str, *, address: str, cookie: str = "", requests: int = WARM_UP_REQUESTS) -> None:
    headers = {"Cookie": cookie} if cookie else {}
    for _ in range(requests):
        request = urllib.request.Request(f"http://{address}{path}", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
        except OSError:
            return  # wrk counts the errors


def load(
    name: str, path: str, *, address: str, seconds: int, connections: int, cookie: str = ""
) -> LoadResult:
    """wrk against one page; with `cookie`, as the member whose session it holds."""
    warm_up(path, address=address, cookie=cookie)
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    result = subprocess.run(
        [
            "wrk",
            "--latency",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "5s",
            "--script",
            str(TAIL_SCRIPT),
            *headers,
            f"http://{address}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    )
    rps, p99, p999, errors = parse_wrk(result.stdout)
    return LoadResult(name, path, rps, p99, errors, signed_in=bool(cookie), p999_ms=p999)


def server_env(base: dict[str, str]) -> dict[str, str]:
    return {**os.environ, **base}
