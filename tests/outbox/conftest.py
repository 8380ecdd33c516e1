import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller


@pytest.fixture
def durable_queue(settings, db):
    """Queued emails wait in the database until the test runs the worker (run_queued_tasks)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    """A real SMTP server on 127.0.0.1 (aiosmtpd, in a thread): down until started."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.received: list[email.message.EmailMessage] = []
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's name)
        self.received.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"

    def subjects(self) -> list[str]:
        return [message["Subject"] for message in self.received]


@pytest.fixture
def mail_server(settings, durable_queue):
    """The site's SMTP server, on a port where nothing listens until the test starts it."""
    server = MailServer()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": server.port, "use_tls": False, "timeout": 5},
        }
    }
    yield server
    server.stop()
