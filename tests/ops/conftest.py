import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """Debian's redis-server on a free port of 127.0.0.1, ours to stop and start again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def keys(self, pattern: str = "*") -> list[str]:
        return [key.decode() for key in redis.Redis.from_url(self.url).keys(pattern)]


@pytest.fixture
def redis_server(tmp_path):
    if not os.path.exists(REDIS_SERVER):
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but redis-server is missing ({REDIS_SERVER}).")
        pytest.skip("redis-server not found; install Debian's redis-server to run the Redis tests")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_caches(redis_server, settings):
    """The production settings' Redis caches, pointed at a Redis of this test's own."""
    settings.CACHES = {
        "default": {
            "BACKEND": "kindness.redis_cache.ForgivingRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "limits",
        },
        "pages": {
            "BACKEND": "kindness.redis_cache.ForgivingRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "pages",
        },
        "cards": {
            "BACKEND": "kindness.redis_cache.ForgivingRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "cards",
        },
    }
    return redis_server
