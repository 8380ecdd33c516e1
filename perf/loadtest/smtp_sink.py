"""A mail server for the scale-out load test: accepts every message and writes one JSON line each.

Run as `python -m perf.loadtest.smtp_sink --port 2525 --out var/loadtest/mail.jsonl`; the load
test stops it for a while to play a mail server outage, then starts it again on the same port.
"""

import argparse
import email
import email.policy
import hashlib
import json
import signal
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        record = {
            "received_at": time.time(),
            "to": sorted(envelope.rcpt_tos),
            "subject": str(message.get("Subject", "")),
            "message_id": str(message.get("Message-ID", "")),
            # The same email sent twice has the same recipients, subject and text.
            "fingerprint": hashlib.sha256(
                json.dumps([sorted(envelope.rcpt_tos), str(message["Subject"]), text]).encode()
            ).hexdigest(),
            "text": text,
        }
        with self.lock, self.out.open("a") as out:
            out.write(json.dumps(record) + "\n")
        return "250 Message accepted for delivery"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    controller = Controller(Recorder(args.out), hostname="127.0.0.1", port=args.port)
    controller.start()
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    stopped.wait()
    controller.stop()


if __name__ == "__main__":
    main()
