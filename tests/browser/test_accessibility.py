"""Every page type passes axe-core's WCAG 2.1 A and AA rules, in Chromium.

Each role (signed out, member, moderator) tours all of its pages at a phone and a desktop width,
in one browser context per tour. At phone width it also checks WCAG 1.4.10 Reflow (nothing makes
the page scroll sideways), which axe cannot. A tour collects every violation and fails once, at the
end, with the full list, so one run shows everything there is to fix.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from accounts.models import User
from moderation import takedowns
from moderation.decisions import decide_story, flag_story
from moderation.featuring import feature_story
from moderation.models import Action, AuthorReply, FlagReason, Reason
from stories.lifecycle import StoryContent, submit_story
from stories.models import Practice, Story, StoryPhoto, StoryRevision
from stories.thanks import toggle_thanks
from tests.browser.conftest import link_in, log_in
from tests.factories import (
    PASSWORD,
    StoryFactory,
    UserFactory,
    enrol_second_factor,
    image_upload,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Axe()
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    # Passing checks are not reported in full: it halves the time of a scan.
    "resultTypes": ["violations"],
}
WIDTHS = {
    "phone": {"width": 360, "height": 740},
    "desktop": {"width": 1280, "height": 900},
}

PROSE = (
    "The pharmacy queue was long and *everyone* was tired.\n\n"
    "- I asked the pharmacist how her night was going.\n"
    "- She laughed and said nobody had asked in weeks.\n\n"
    "I read about the idea on https://example.com/flip first."
)


@dataclass(frozen=True)
class Site:
    """What the tours visit; built afresh for each test, because each one empties the database."""

    member: User
    moderator: User
    storyteller: User
    featured: Story
    live: Story
    waiting: Story
    to_change: Story
    revision: StoryRevision
    hidden: Story
    sent_back: Story


def _photo(owner: User) -> StoryPhoto:
    """A processed upload, stored as the share form would store it."""
    return StoryPhoto.objects.create_from_upload(owner=owner, upload=image_upload(size=(1200, 800)))


def _pending_edit(story: Story, author: User) -> StoryRevision:
    """An edit of a published story, sent for review by the same function as the site."""
    content = StoryContent(
        title=f"{story.title} (revised)",
        body=story.body + "\n\nShe remembered me the next week.",
        perspective=story.perspective,
        setting=Story.Setting.RESTAURANT,
        practices=list(Practice.objects.filter(slug__in=["ask-how-are-you", "say-thank-you"])),
        tags=["late-order", "coffee"],
    )
    submit_story(author=author, story=story, content=content)
    return story.revisions.get()


def build_site() -> Site:
    member = UserFactory(display_name="Alice")
    storyteller = UserFactory(display_name="Nadia")
    moderator = UserFactory(display_name="Mo", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    enrol_second_factor(moderator)
    readers = UserFactory.create_batch(4)

    featured = StoryFactory(
        author=storyteller,
        title="The night-shift pharmacist",
        body=PROSE,
        practices=["ask-how-are-you", "say-thank-you"],
        tags=["night-shift", "pharmacy"],
        photo=_photo(storyteller),
        photo_alt="A paper bag with a handwritten thank-you note on a pharmacy counter",
    )
    for reader in readers[:2]:
        toggle_thanks(story=featured, member=reader)
    # On the home page's Featured section, and with its feature card on the review page.
    feature_story(story=featured, moderator=moderator)
    # Enough stories under one practice and tag for the lists to paginate and for related links.
    StoryFactory.create_batch(21, author=storyteller, tags=["night-shift"])

    live = StoryFactory(author=member, title="The barista who asked me back", tags=["coffee"])
    revision = _pending_edit(live, member)
    waiting = StoryFactory(
        author=member,
        title="A calm voice on the support line",
        setting=Story.Setting.SUPPORT,
        status=Story.Status.SUBMITTED,
        tags=["phone"],
        photo=_photo(member),
        photo_alt="A headset on a desk",
    )
    to_change = StoryFactory(
        author=member, title="The gate agent and the rebooking", status=Story.Status.SUBMITTED
    )
    decide_story(
        story=to_change,
        moderator=moderator,
        action=Action.REQUEST_CHANGES,
        note="Please use only the agent's first name.",
    )
    AuthorReply.objects.create(story=to_change, body="Done: she is just Sam now.")
    sent_back = StoryFactory(
        author=member, title="A clerk at the post office", status=Story.Status.SUBMITTED
    )
    decide_story(
        story=sent_back, moderator=moderator, action=Action.REJECT, reason=Reason.NOT_SERVICE
    )
    declined = StoryFactory(author=member, title="Not quite a story", status=Story.Status.SUBMITTED)
    decide_story(story=declined, moderator=moderator, action=Action.REJECT, reason=Reason.SPAM)
    approved = StoryFactory(author=storyteller, status=Story.Status.SUBMITTED)
    decide_story(story=approved, moderator=moderator, action=Action.APPROVE)
    StoryFactory(author=member, title="Half a thought", status=Story.Status.DRAFT)

    hidden = StoryFactory(author=storyteller, title="A story some readers doubt")
    for reader in readers[:3]:
        flag_story(
            story=hidden, member=reader, reason=FlagReason.NOT_SERVICE, note="Sounds made up."
        )
    flag_story(story=approved, member=readers[3], reason=FlagReason.UNKIND)

    return Site(
        member=member,
        moderator=moderator,
        storyteller=storyteller,
        featured=featured,
        live=live,
        waiting=waiting,
        to_change=to_change,
        revision=revision,
        hidden=hidden,
        sent_back=sent_back,
    )


class Tour:
    """One browser page led through the site; a tour yields a label for each state to scan."""

    def __init__(self, page: Page, base_url: str, *, mailbox: list, files: Path):
        self.page = page
        self.base_url = base_url
        self.mailbox = mailbox
        self.files = files
        self.problems: list[str] = []

    def visit(self, path: str, *, status: int = 200) -> str:
        """Open a page, note it if the status is not the expected one, and return its label."""
        response = self.page.goto(self.base_url + path)
        if response is None or response.status != status:
            got = response.status if response else "no response"
            self.problems.append(f"{path}: expected HTTP {status}, got {got} ({self.page.url})")
        return path


def signed_out_tour(tour: Tour, site: Site) -> Iterator[str]:
    page = tour.page
    yield tour.visit("/")
    yield tour.visit(
        "/stories/?practice=ask-how-are-you&setting=grocery&perspective=customer"
        "&tag=night-shift&sort=thanked"
    )
    # A list page reached by position (stories.paging): "Newer" link and "from <date>" status.
    yield tour.visit("/stories/?before=n3-zzzzzzzzzz-1")
    yield tour.visit(site.featured.get_absolute_url())
    yield tour.visit("/practices/")
    yield tour.visit("/practices/ask-how-are-you/")
    yield tour.visit("/practices/ask-how-did-i-do/card/")
    yield tour.visit("/practices/ask-how-did-i-do/card/?size=business")
    yield tour.visit(f"/members/{site.storyteller.pk}/")
    yield tour.visit("/search/?q=pharmacist")
    yield tour.visit("/search/?q=zeppelin")
    yield tour.visit("/search/?q=pharmacist&practice=ask-how-are-you&setting=grocery")
    yield tour.visit("/about/")
    yield tour.visit("/guidelines/")
    yield tour.visit("/moderation/stats/")
    yield tour.visit(f"/stories/{site.featured.pk}/about-you/")
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("#error-summary")).to_be_visible()
    yield "the takedown request form with errors"
    yield tour.visit("/contact/")
    yield tour.visit("/contact/sent/")
    yield tour.visit("/no-such-page/", status=404)
    yield tour.visit(site.hidden.get_absolute_url(), status=404)
    yield tour.visit("/accounts/login/")
    page.get_by_label("Email").fill(site.member.email)
    page.get_by_label("Password:", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.locator(".errorlist, [role=alert]").first).to_be_visible()
    yield "/accounts/login/ with a wrong password"
    yield tour.visit("/accounts/signup/")
    page.get_by_label("Email").fill("newcomer@example.com")
    page.get_by_label("Display name").fill("Newcomer")
    page.get_by_label("Password:", exact=True).fill("12345678")
    page.get_by_label("Password (again):").fill("12345679")
    page.get_by_role("button", name="Sign up", exact=True).click()
    expect(page.locator(".errorlist").first).to_be_visible()
    yield "/accounts/signup/ with errors"
    page.get_by_label("Password:", exact=True).fill("counter-kindness-2026")
    page.get_by_label("Password (again):").fill("counter-kindness-2026")
    page.get_by_role("button", name="Sign up", exact=True).click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    yield "/accounts/signup/ done: verification sent"
    yield tour.visit(link_in(tour.mailbox[-1]).removeprefix(tour.base_url))
    yield tour.visit("/accounts/password/reset/")
    page.get_by_label("Email").fill(site.storyteller.email)
    page.get_by_role("button", name="Reset My Password").click()
    expect(page.get_by_role("heading", name="Password Reset")).to_be_visible()
    yield "/accounts/password/reset/ done"
    page.goto(link_in(tour.mailbox[-1]))
    expect(page.get_by_label("New Password:", exact=True)).to_be_visible()
    yield "/accounts/password/reset/key/ (choose a new password)"


def member_tour(tour: Tour, site: Site) -> Iterator[str]:
    page = tour.page
    log_in(page, tour.base_url, site.member.email, PASSWORD)
    page.locator("summary", has_text=site.member.public_name).click()
    yield "/ with the member menu open"

    yield tour.visit("/share/")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator("#error-summary")).to_be_visible()
    yield "/share/ with errors"

    photo = tour.files / "counter.jpg"
    photo.write_bytes(image_upload(size=(1200, 900)).read())
    page.get_by_label("Title").fill("The baker who saved the last loaf")
    page.get_by_label("Your story").fill(PROSE)
    page.get_by_label("I was the customer").check()
    page.get_by_label("Where did it happen?").select_option("retail")
    page.get_by_label("Say thank you").check()
    page.get_by_label("Tags").fill("bakery, morning")
    page.get_by_label("Photo:", exact=True).set_input_files(str(photo))
    page.get_by_label("Describe the photo").fill("A loaf of bread on a wooden counter")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".preview-frame")).to_be_visible()
    yield "/share/ preview with a photo"

    yield tour.visit("/my-stories/")
    draft = Story.objects.get(author=site.member, status=Story.Status.DRAFT)
    yield tour.visit(f"/my-stories/{draft.pk}/delete/")
    yield tour.visit(f"/my-stories/{site.live.pk}/edit/")
    yield tour.visit(f"/my-stories/{site.to_change.pk}/edit/")
    yield tour.visit("/accounts/profile/")
    yield tour.visit("/accounts/email/")
    yield tour.visit("/accounts/password/change/")
    yield tour.visit("/accounts/reauthenticate/")
    yield tour.visit("/accounts/2fa/")
    yield tour.visit("/accounts/delete/")
    page.get_by_role("button", name="Delete my account for good").click()
    expect(page.locator("#error-summary")).to_be_visible()
    yield "/accounts/delete/ with errors"
    yield tour.visit("/accounts/my-data/")
    yield tour.visit(f"/my-stories/{site.to_change.pk}/reply/")
    page.get_by_role("button", name="Send the reply").click()
    expect(page.locator("#error-summary")).to_be_visible()
    yield f"/my-stories/{site.to_change.pk}/reply/ with errors"
    yield tour.visit(site.sent_back.get_absolute_url())
    yield tour.visit(f"/my-stories/{site.sent_back.pk}/edit/")
    yield tour.visit("/practices/say-thank-you/")
    page.get_by_role("button", name="I'll try this").click()
    expect(page.get_by_text("I'm trying this")).to_be_visible()
    yield "/practices/say-thank-you/ after pledging"
    yield tour.visit("/accounts/pledges/")

    yield tour.visit(site.featured.get_absolute_url())
    page.get_by_text("Report this story").click()
    expect(page.get_by_label("What is wrong?")).to_be_visible()
    yield f"{site.featured.get_absolute_url()} with the report form open"
    page.get_by_role("button", name="Thank the storyteller").click()
    expect(page.get_by_text("Thank you sent.")).to_be_visible()
    yield f"{site.featured.get_absolute_url()} after thanking"
    yield tour.visit(site.live.get_absolute_url())
    yield tour.visit(site.waiting.get_absolute_url())
    yield tour.visit("/moderation/", status=403)


def moderator_tour(tour: Tour, site: Site) -> Iterator[str]:
    page = tour.page
    log_in(page, tour.base_url, site.moderator.email, PASSWORD)
    yield tour.visit("/moderation/")
    yield tour.visit(f"/moderation/stories/{site.waiting.pk}/")
    page.get_by_label("Ask the author for changes").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    yield f"/moderation/stories/{site.waiting.pk}/ with errors"
    yield tour.visit(f"/moderation/stories/{site.to_change.pk}/")
    yield tour.visit(f"/moderation/stories/{site.featured.pk}/")
    yield tour.visit(f"/moderation/edits/{site.revision.pk}/")
    yield tour.visit("/moderation/flagged/")
    yield tour.visit(f"/moderation/flagged/{site.hidden.pk}/")
    yield tour.visit(f"/moderation/members/{site.storyteller.pk}/")
    yield tour.visit("/moderation/stats/")
    request = takedowns.request_takedown(
        story=site.featured,
        identifies="I am the baker.",
        asks="remove_story",
        email="b@example.com",
    )
    yield tour.visit("/moderation/takedowns/")
    yield tour.visit(f"/moderation/takedowns/{request.pk}/")


def _describe(label: str, violation: dict) -> str:
    lines = [f"{label}: {violation['id']} ({violation.get('impact')}): {violation['help']}"]
    for node in violation["nodes"]:
        target = " >> ".join(str(part) for part in node["target"])
        detail = next((check["message"] for check in node.get("any", [])), "")
        lines.append(f"    {target}" + (f"  [{detail}]" if detail else ""))
    return "\n".join(lines)


def _scrolls_sideways(page: Page) -> bool:
    """WCAG 1.4.10 Reflow, which axe cannot check: on a phone nothing pushes the page sideways."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


TOURS: dict[str, Callable[[Tour, Site], Iterator[str]]] = {
    "signed_out": signed_out_tour,
    "member": member_tour,
    "moderator": moderator_tour,
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("role", TOURS)
def test_every_page_meets_wcag_21_aa(page: Page, live_server, mailoutbox, tmp_path, role, width):
    page.set_viewport_size(WIDTHS[width])
    tour = Tour(page, live_server.url, mailbox=mailoutbox, files=tmp_path)
    violations = []
    for label in TOURS[role](tour, build_site()):
        results = AXE.run(page, options=WCAG_21_AA)
        violations += [_describe(label, v) for v in results.response["violations"]]
        if width == "phone" and _scrolls_sideways(page):
            violations.append(f"{label}: reflow (WCAG 1.4.10): the page scrolls sideways")

    if tour.problems or violations:
        pytest.fail(
            "\n".join([f"{len(violations)} accessibility violations", *tour.problems, *violations]),
            pytrace=False,
        )
