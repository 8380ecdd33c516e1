"""make loadtest: 50 readers and 20 members (submitting and thanking) against a real server.

Run by scripts/loadtest with locust's headless mode. Every submission the server acknowledged
(a redirect to My stories) is written down, so the database can be checked afterwards.
"""

import collections
import itertools
import json
import os
import random
import re
import uuid
from pathlib import Path

import urllib3
from locust import FastHttpUser, HttpUser, between, events, task

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STORY_LINK = re.compile(r'href="/stories/(\d+)-[^"/]+/"')
OUTPUT = os.environ.get("LOADTEST_OUTPUT", "var/loadtest/run.json")
# Members arrive signed in (loadtest_prepare made their sessions): the run measures reading,
# sharing and thanking, not a burst of twenty password hashes at the start.
SESSIONS = json.loads(
    Path(os.environ.get("LOADTEST_SESSIONS", "var/loadtest/sessions.json")).read_text()
)
PRACTICES = ["give-grace", "say-thank-you", "ask-how-are-you", "smile-first", "be-patient"]

STATUSES: collections.Counter = collections.Counter()
ACKNOWLEDGED: list[str] = []
MEMBER_NUMBERS = itertools.count()


@events.request.add_listener
def count_status(response=None, exception=None, **kwargs) -> None:
    STATUSES[str(response.status_code) if response is not None else "no response"] += 1


@events.quitting.add_listener
def write_results(environment, **kwargs) -> None:
    with open(OUTPUT, "w") as out:
        json.dump({"statuses": STATUSES, "acknowledged": ACKNOWLEDGED}, out)


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    return match.group(1) if match else ""


class Reader(FastHttpUser):
    fixed_count = 50
    wait_time = between(0.2, 1.5)
    insecure = True  # the load test's self-signed certificate
    story_ids: list[str] = []

    @task(4)
    def browse_list(self) -> None:
        response = self.client.get(f"/stories/?page={random.randint(1, 3)}", name="/stories/")
        if response.ok:
            Reader.story_ids = STORY_LINK.findall(response.text) or Reader.story_ids

    @task(3)
    def read_story(self) -> None:
        if Reader.story_ids:
            self.client.get(f"/stories/{random.choice(Reader.story_ids)}-x/", name="/stories/[id]")

    @task(2)
    def practice(self) -> None:
        self.client.get(f"/practices/{random.choice(PRACTICES)}/", name="/practices/[slug]/")

    @task(1)
    def search(self) -> None:
        word = random.choice(["kindness", "thank", "cashier", "grace", "coffee"])
        self.client.get(f"/search/?q={word}", name="/search/")

    @task(1)
    def home(self) -> None:
        self.client.get("/")


class Member(HttpUser):
    fixed_count = 20
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        self.client.verify = False
        email = f"loadtest{next(MEMBER_NUMBERS)}@example.com"
        self.client.cookies.set("sessionid", SESSIONS[email], domain="127.0.0.1")

    @task(1)
    def submit_story(self) -> None:
        form = self.client.get("/share/")
        if not form.ok:
            return
        title = f"Load test story {uuid.uuid4().hex[:12]}"
        response = self.client.post(
            "/share/",
            {
                "csrfmiddlewaretoken": csrf_token(form.text),
                "title": title,
                "body": f"The cashier smiled back. {uuid.uuid4().hex}",
                "perspective": "customer",
                "setting": "grocery",
                "practices": random.sample(PRACTICES, 2),
                "tags": "load-test",
                "intent": "submit",
            },
            headers={"Referer": self.host + "/share/"},
            allow_redirects=False,
            name="/share/ (POST)",
        )
        if response.status_code == 302 and response.headers.get("Location", "").endswith(
            "/my-stories/"
        ):
            ACKNOWLEDGED.append(title)

    @task(2)
    def thank_story(self) -> None:
        if not Reader.story_ids:
            return
        story_id = random.choice(Reader.story_ids)
        page = self.client.get(f"/stories/{story_id}-x/", name="/stories/[id]")
        token = csrf_token(page.text)
        if token:
            self.client.post(
                f"/stories/{story_id}/thank/",
                {"csrfmiddlewaretoken": token},
                headers={"Referer": self.host + "/"},
                name="/stories/[id]/thank/",
            )
