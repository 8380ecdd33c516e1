"""Every page type is valid HTML by the Nu HTML Checker, the W3C validator's engine.

The pages are rendered through the test client as the person who sees them, written to files, and
checked in one run of vnu.jar (one JVM start). scripts/ensure-system-deps, which `make test` runs,
installs Debian's Java and the pinned jar when they are missing.
"""

import json
import os
import shutil
import subprocess
from itertools import chain
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from moderation import featuring, takedowns
from moderation.models import AuthorReply, Decision, Flag, ReviewClaim
from pledges.models import Pledge
from stories.models import Story, StoryRevision
from tests.factories import ModeratorFactory, StoryFactory, UserFactory
from tests.site.second_factor_pages import second_factor_pages

pytestmark = [pytest.mark.htmlcheck, pytest.mark.django_db]

VNU_JAR = Path(settings.BASE_DIR) / "var/tools/node_modules/vnu-jar/build/dist/vnu.jar"


def checker_command() -> list[str]:
    java = shutil.which("java")
    missing = [
        what for what, there in [("java", java), (str(VNU_JAR), VNU_JAR.exists())] if not there
    ]
    if missing:
        reason = (
            f"Nu HTML Checker unavailable, missing {', '.join(missing)} (make test installs them)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true: {reason}")
        pytest.skip(reason)
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


def story_form(**overrides) -> dict:
    return {
        "title": "The baker who saved the last loaf",
        "body": "I asked how her morning was.\n\nShe laughed and asked me back.",
        "perspective": "customer",
        "setting": "grocery",
        "practices": ["ask-how-are-you"],
        "tags": "late-order",
        "photo_alt": "",
        **overrides,
    }


@pytest.fixture
def site(author, other_member, moderator):
    story = StoryFactory(author=author, title="Thank you, Dana", tags=["late-order"])
    # Featured, so the home page has its Featured section and the review page its feature card.
    featuring.feature_story(story=story, moderator=moderator)
    waiting = StoryFactory(author=other_member, status=Story.Status.SUBMITTED)
    Decision.objects.create(
        story=waiting,
        story_title=waiting.title,
        moderator=moderator,
        action="request_changes",
        from_status="submitted",
        to_status="changes_requested",
        note="Please leave out the surname.",
    )
    edited = StoryFactory(author=other_member)
    edit = StoryRevision.objects.create(
        story=edited,
        title="Edited title",
        body=edited.body + "\n\nAnd one more thing.",
        perspective=edited.perspective,
        setting=edited.setting,
        practice_slugs=["say-thank-you"],
        tag_names=["night-shift"],
    )
    flagged = StoryFactory(author=other_member)
    Flag.objects.create(story=flagged, member=UserFactory(), reason="spam")
    waiting.body = "Maria Lopez rang me up. Call her on 555-123-4567 <b>now</b>."
    waiting.save()
    takedown = takedowns.request_takedown(
        story=story, identifies="I am Dana.", asks="remove_story", email="dana@example.com"
    )
    contact = takedowns.send_contact(message="Hello.", email="reader@example.com")
    AuthorReply.objects.create(story=waiting, body="Done: she is just Sam now.")
    asked = StoryFactory(
        author=author, status=Story.Status.CHANGES_REQUESTED, moderator_note="Shorter, please."
    )
    Decision.objects.create(
        story=asked,
        story_title=asked.title,
        moderator=moderator,
        action="request_changes",
        from_status="submitted",
        to_status="changes_requested",
        note="Shorter, please.",
    )
    rejected = StoryFactory(
        author=author,
        status=Story.Status.REJECTED,
        rejected_for="not_service",
        moderator_note="Not a service encounter.",
    )
    return {
        "asked": asked,
        "rejected": rejected,
        "story": story,
        "waiting": waiting,
        "edit": edit,
        "flagged": flagged,
        "takedown": takedown,
        "contact": contact,
    }


def pages(site, visitor, author_client, moderator_client):
    """(name, response) for every page type, fetched by whoever reads it."""
    story = site["story"]
    yield "home", visitor.get(reverse("home"))
    yield "list", visitor.get(reverse("stories:list"))
    yield (
        "filtered list",
        visitor.get(
            reverse("stories:list") + "?practice=ask-how-are-you&setting=grocery&tag=late-order"
        ),
    )
    # A page reached by position (stories.paging): its "Newer" link and "from <date>" status.
    yield "list by position", visitor.get(reverse("stories:list") + "?before=n3-zzzzzzzzzz-1")
    yield "story detail", visitor.get(story.get_absolute_url())
    yield "practice list", visitor.get(reverse("stories:practices"))
    yield "practice detail", visitor.get(reverse("stories:practice", args=["ask-how-are-you"]))
    card = reverse("stories:practice_card", args=["ask-how-did-i-do"])
    yield "practice card", visitor.get(card)
    yield "practice card, business size", visitor.get(card + "?size=business")
    yield "member page", visitor.get(reverse("stories:member", args=[story.author_id]))
    yield "search with results", visitor.get(reverse("stories:search") + "?q=Dana")
    yield (
        "search with filters",
        visitor.get(reverse("stories:search") + "?q=Dana&practice=ask-how-are-you&setting=grocery"),
    )
    yield "about", visitor.get(reverse("about"))
    yield "guidelines", visitor.get(reverse("guidelines"))
    yield "moderation stats", visitor.get(reverse("moderation:stats"))
    yield "takedown form", visitor.get(reverse("takedowns:ask", args=[story.pk]))
    yield (
        "takedown form with errors",
        visitor.post(reverse("takedowns:ask", args=[story.pk]), {"asks": "remove_details"}),
    )
    yield "contact", visitor.get(reverse("takedowns:contact"))
    yield "contact with errors", visitor.post(reverse("takedowns:contact"), {"email": "x"})
    yield "contact sent", visitor.get(reverse("takedowns:sent"))
    yield "not found", visitor.get("/no-such-page/")
    yield "log in", visitor.get(reverse("account_login"))
    yield (
        "log in with errors",
        visitor.post(
            reverse("account_login"), {"login": "nobody@example.com", "password": "wrong-password"}
        ),
    )
    yield "sign up", visitor.get(reverse("account_signup"))
    yield (
        "sign up with errors",
        visitor.post(
            reverse("account_signup"), {"email": "not-an-email", "password1": "1", "password2": "2"}
        ),
    )
    yield "password reset", visitor.get(reverse("account_reset_password"))
    yield "password reset sent", visitor.get(reverse("account_reset_password_done"))

    yield "share", author_client.get(reverse("stories:share"))
    yield "share with errors", author_client.post(reverse("stories:share"), {"intent": "submit"})
    yield (
        "share preview",
        author_client.post(reverse("stories:share"), story_form(intent="preview")),
    )
    yield (
        "share preview with privacy warnings",
        author_client.post(
            reverse("stories:share"),
            story_form(intent="preview", body="Maria Lopez, badge number 4471, was kind."),
        ),
    )
    yield "my stories", author_client.get(reverse("stories:mine"))
    practice_url = reverse("stories:practice", args=["ask-how-are-you"])
    author_client.post(reverse("pledges:pledge", args=["ask-how-are-you"]), {"trying": "yes"})
    yield "practice detail, pledged", author_client.get(practice_url)
    yield "my pledges", author_client.get(reverse("pledges:mine"))
    pledge = Pledge.objects.get(member=story.author)
    yield (
        "share from a pledge",
        author_client.get(reverse("stories:share") + f"?pledge={pledge.pk}"),
    )
    from_pledge = StoryFactory(author=pledge.member, pledge=pledge, title="I smiled first")
    yield "story from a pledge", visitor.get(from_pledge.get_absolute_url())
    yield "profile", author_client.get(reverse("accounts:profile"))
    yield (
        "profile with errors",
        author_client.post(reverse("accounts:profile"), {"display_name": ""}),
    )
    yield (
        "delete account with errors",
        author_client.post(reverse("accounts:delete"), {"password": "not-the-password"}),
    )
    yield "delete account", author_client.get(reverse("accounts:delete"))
    yield "download my data", author_client.get(reverse("accounts:data"))
    yield "reply to a request", author_client.get(reverse("replies:reply", args=[site["asked"].pk]))
    yield (
        "reply with errors",
        author_client.post(reverse("replies:reply", args=[site["asked"].pk]), {"body": ""}),
    )
    yield "rejected story, to its author", author_client.get(site["rejected"].get_absolute_url())
    yield (
        "edit a rejected story",
        author_client.get(reverse("stories:edit", args=[site["rejected"].pk])),
    )
    yield "email addresses", author_client.get(reverse("account_email"))
    yield "password change", author_client.get(reverse("account_change_password"))
    yield "confirm it is you", author_client.get(reverse("account_reauthenticate"))
    yield (
        "confirm it is you with errors",
        author_client.post(reverse("account_reauthenticate"), {"password": "not-the-password"}),
    )
    yield "log out", author_client.get(reverse("account_logout"))

    # Maya has the waiting story open: the queue and its review page say so.
    ReviewClaim.objects.create(
        kind="story", story=site["waiting"], moderator=ModeratorFactory(display_name="Maya")
    )
    yield "moderation queue", moderator_client.get(reverse("moderation:queue"))
    yield "review", moderator_client.get(reverse("moderation:review", args=[site["waiting"].pk]))
    yield (
        "review of a featured story",
        moderator_client.get(reverse("moderation:review", args=[story.pk])),
    )
    yield (
        "review edit",
        moderator_client.get(reverse("moderation:review_edit", args=[site["edit"].pk])),
    )
    yield "flagged", moderator_client.get(reverse("moderation:flagged"))
    yield "takedown queue", moderator_client.get(reverse("moderation:takedowns"))
    yield (
        "takedown request",
        moderator_client.get(reverse("moderation:takedown", args=[site["takedown"].pk])),
    )
    yield (
        "takedown decision with errors",
        moderator_client.post(
            reverse("moderation:takedown_decide", args=[site["takedown"].pk]), {"action": "decline"}
        ),
    )
    yield (
        "contact message",
        moderator_client.get(reverse("moderation:takedown", args=[site["contact"].pk])),
    )
    yield (
        "review flags",
        moderator_client.get(reverse("moderation:review_flags", args=[site["flagged"].pk])),
    )
    yield (
        "admin approval confirmation",
        moderator_client.post(
            reverse("admin:stories_story_changelist"),
            {"action": "approve_selected", "index": "0", "_selected_action": [site["waiting"].pk]},
        ),
    )
    member = site["waiting"].author
    yield "member standing", moderator_client.get(reverse("moderation:member", args=[member.pk]))
    yield (
        "suspend with errors",
        moderator_client.post(reverse("moderation:suspend", args=[member.pk]), {"reason": ""}),
    )
    moderator_client.post(
        reverse("moderation:suspend", args=[member.pk]), {"duration": "7", "reason": "Spam."}
    )
    yield "member suspended", moderator_client.get(reverse("moderation:member", args=[member.pk]))
    yield (
        "review of a suspended member",
        moderator_client.get(reverse("moderation:review", args=[site["waiting"].pk])),
    )
    newcomer = UserFactory(date_joined=timezone.now())
    author_client.force_login(newcomer)
    yield "story detail, too new to flag", author_client.get(site["story"].get_absolute_url())


def test_every_page_type_validates(site, visitor, author_client, moderator_client, tmp_path):
    command = checker_command()
    files: dict[str, str] = {}
    for number, (name, response) in enumerate(
        chain(pages(site, visitor, author_client, moderator_client), second_factor_pages())
    ):
        # 403: the second-factor enrolment page that moderators meet first.
        assert response.status_code in {200, 400, 403, 404}, (name, response.status_code)
        assert response["Content-Type"].startswith("text/html"), name
        path = tmp_path / f"{number:02d}.html"
        path.write_bytes(response.content)
        files[path.name] = name

    result = subprocess.run(
        [*command, *sorted(path for path in map(str, tmp_path.glob("*.html")))],
        capture_output=True,
        text=True,
        timeout=120,
    )

    report = json.loads(result.stderr or result.stdout)  # vnu writes its report to stderr
    errors: dict[str, list[str]] = {}
    for message in report["messages"]:
        url = message.get("url", "?")
        page = files.get(url.rsplit("/", 1)[-1], url)
        where = f"line {message.get('lastLine', '?')}"
        errors.setdefault(page, []).append(f"{where}: {message['message']}")
    assert not errors, "\n".join(
        f"{page}:\n  " + "\n  ".join(messages) for page, messages in errors.items()
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(files) == 66 + 11  # the site, then the second-factor pages
