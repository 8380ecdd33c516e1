"""The scale-out run's load: the readers and members of locustfile.py, and a moderator deciding.

Two locust processes run this file, one against each app server (scripts/loadtest). Their sizes
and the members they sign in as come from the environment, so the two share the load without
sharing a member. The moderator approves waiting stories and writes down when each decision was
acknowledged, so the check afterwards can time each decision to its email.
"""

import json
import os
import re
import time
from html.parser import HTMLParser

from locust import HttpUser, between, events, task

from perf.loadtest import locustfile
from perf.loadtest.locustfile import Member, Reader

Reader.fixed_count = int(os.environ.get("LOADTEST_READERS", "25"))
Member.fixed_count = int(os.environ.get("LOADTEST_MEMBERS", "10"))
locustfile.MEMBER_NUMBERS = iter(range(int(os.environ.get("LOADTEST_MEMBER_OFFSET", "0")), 10_000))
MODERATOR_SESSION = os.environ.get("LOADTEST_MODERATOR_SESSION", "")
REVIEW_LINK = re.compile(r'href="/moderation/stories/(\d+)/"')
DECISIONS: list[dict] = []


class FormFields(HTMLParser):
    """The named inputs and textareas of the form that posts to `action`."""

    def __init__(self, action: str) -> None:
        super().__init__(convert_charrefs=True)
        self.action = action
        self.inside = False
        self.textarea = ""
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("action") == self.action
        elif self.inside and tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind not in ("radio", "checkbox", "submit") or "checked" in attrs:
                self.fields[attrs["name"]] = attrs.get("value") or ""
        elif self.inside and tag == "textarea" and attrs.get("name"):
            self.textarea = attrs["name"]
            self.fields[self.textarea] = ""

    def handle_data(self, data) -> None:
        if self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag) -> None:
        if tag == "textarea":
            self.textarea = ""
        elif tag == "form":
            self.inside = False


def form_fields(html: str, action: str) -> dict[str, str]:
    parser = FormFields(action)
    parser.feed(html)
    return parser.fields


@events.quitting.add_listener
def write_decisions(environment, **kwargs) -> None:
    with open(os.environ.get("LOADTEST_DECISIONS", "var/loadtest/decisions.json"), "w") as out:
        json.dump(DECISIONS, out)


class Moderator(HttpUser):
    fixed_count = 1
    wait_time = between(0.1, 0.5)

    def on_start(self) -> None:
        self.client.verify = False
        self.client.cookies.set("sessionid", MODERATOR_SESSION, domain="127.0.0.1")

    @task
    def approve_next(self) -> None:
        queue = self.client.get("/moderation/", name="/moderation/")
        waiting = REVIEW_LINK.findall(queue.text) if queue.ok else []
        if not waiting:
            return
        pk = waiting[0]
        review = self.client.get(f"/moderation/stories/{pk}/", name="/moderation/stories/[id]/")
        action = f"/moderation/stories/{pk}/decide/"
        fields = form_fields(review.text, action) if review.ok else {}
        if "csrfmiddlewaretoken" not in fields:
            return
        fields["action"] = "approve"
        response = self.client.post(
            action,
            fields,
            headers={"Referer": self.host + f"/moderation/stories/{pk}/"},
            allow_redirects=False,
            name="/moderation/stories/[id]/decide/",
        )
        refused = response.headers.get("Location", "").endswith(f"/moderation/stories/{pk}/")
        if response.status_code == 302 and not refused:
            DECISIONS.append({"title": fields.get("title", ""), "decided_at": time.time()})


if not MODERATOR_SESSION:
    del Moderator  # the load of one server only: no one decides there
