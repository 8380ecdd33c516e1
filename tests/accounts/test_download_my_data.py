""" "Download my data": a JSON file of the member's own data, after a recent password."""

import json
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from moderation import decisions
from moderation.models import Action, AuthorReply
from pledges.services import set_pledge
from stories.models import Practice, Story, StoryRevision
from stories.thanks import toggle_thanks
from tests.factories import PASSWORD, DecisionFactory, FlagFactory, StoryFactory

pytestmark = pytest.mark.django_db

DOWNLOAD = "accounts:download_data"
# The session with its member, reauthentication, then the sections: profile and addresses;
# stories with their photos, practices, tags, edits and their photos, decisions, replies; thanks;
# flags; pledges.
DOWNLOAD_QUERIES = 14


def confirmed(client):
    """The member typed their password a moment ago, as allauth's reauthentication asks."""
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    return client


def download(client) -> dict:
    response = client.get(reverse(DOWNLOAD))
    assert response.status_code == 200
    return json.loads(response.content)


def test_it_sends_a_visitor_to_log_in(client):
    response = client.get(reverse(DOWNLOAD))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_asks_for_the_password_again_before_handing_over_the_data(author_client):
    response = author_client.get(reverse(DOWNLOAD))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_it_is_a_json_attachment_nobody_caches(author_client):
    response = confirmed(author_client).get(reverse(DOWNLOAD))

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="flip-the-counter-my-')
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_settings_page_explains_it_and_links_to_it(author_client):
    page = author_client.get(reverse("accounts:data")).content.decode()

    assert "every story you wrote, published or not" in page
    assert reverse(DOWNLOAD) in page
    assert 'aria-current="page">Download my data' in page


def test_it_holds_the_profile(author, author_client):
    data = download(confirmed(author_client))

    assert data["profile"]["display_name"] == "Alice"
    assert data["profile"]["email"] == author.email
    assert data["profile"]["email_addresses"] == [
        {"email": author.email, "verified": True, "primary": True}
    ]


def test_it_holds_every_story_with_its_edits(author, author_client, published_story):
    StoryFactory(author=author, status=Story.Status.DRAFT, title="Half written")
    StoryRevision.objects.create(
        story=published_story,
        title="Thank you, Dana (edited)",
        body="A longer version.",
        perspective="customer",
        setting="grocery",
    )

    stories = download(confirmed(author_client))["stories"]

    assert [story["title"] for story in stories] == ["Thank you, Dana", "Half written"]
    assert stories[0]["status"] == "Published"
    assert stories[0]["address"].endswith(published_story.get_absolute_url())
    assert [edit["title"] for edit in stories[0]["edits"]] == ["Thank you, Dana (edited)"]
    assert stories[1]["address"] is None


def test_it_holds_the_decisions_as_the_author_was_told_them(
    author, author_client, waiting_story, moderator
):
    decisions.decide_story(
        story=waiting_story,
        moderator=moderator,
        action=Action.REQUEST_CHANGES,
        note="Please leave out the nurse's surname.",
    )
    DecisionFactory(
        story=waiting_story,
        moderator=moderator,
        action=Action.HIDE,
        note="Private: three flags from one household.",
    )
    AuthorReply.objects.create(story=waiting_story, body="Done, thank you.")

    [story] = download(confirmed(author_client))["stories"]

    told = [(item["decision"], item["note"]) for item in story["decisions"]]
    assert told == [
        ("Asked for changes", "Please leave out the nurse's surname."),
        ("Hidden after community flags", ""),
    ]
    assert story["your_replies_to_the_moderators"][0]["text"] == "Done, thank you."
    text = json.dumps(story)
    assert "Private" not in text
    assert moderator.display_name not in text
    assert moderator.email not in text


def test_it_holds_the_thanks_given_and_the_flags_raised(author, author_client, other_member):
    bobs = StoryFactory(author=other_member, title="Bob's bus driver")
    toggle_thanks(story=bobs, member=author)
    FlagFactory(story=StoryFactory(author=other_member, title="Spammy"), member=author)

    data = download(confirmed(author_client))

    assert [item["story"] for item in data["thanks_given"]] == ["Bob's bus driver"]
    assert [item["story"] for item in data["flags_raised"]] == ["Spammy"]


def test_it_holds_the_pledges_and_the_emails_chosen(author, author_client):
    practice = Practice.objects.get(slug="give-grace")
    pledge = set_pledge(member=author, practice=practice, trying=True)
    story = StoryFactory(author=author, pledge=pledge, practices=[practice])
    author.thanks_digest = False
    author.save(update_fields=["thanks_digest"])

    data = download(confirmed(author_client))

    assert [(item["practice_slug"], item["stories"]) for item in data["pledges"]] == [
        ("give-grace", [story.pk])
    ]
    assert data["profile"]["email_choices"] == {"pledge_reminders": True, "thanks_digest": False}


def test_it_holds_only_the_members_own_data(author, other_client, published_story):
    data = download(confirmed(other_client))

    assert data["stories"] == []
    assert published_story.title not in json.dumps(data)
    assert author.email not in json.dumps(data)


def test_its_queries_do_not_grow_with_the_stories(author, author_client, moderator):
    client = confirmed(author_client)

    def grow_to(count: int) -> int:
        while Story.objects.filter(author=author).count() < count:
            story = StoryFactory(
                author=author, with_photo=True, practices=["say-thank-you"], tags=["bus"]
            )
            StoryRevision.objects.create(
                story=story, title="Edit", body="Text.", perspective="customer", setting="grocery"
            )
            DecisionFactory(story=story, moderator=moderator)
            AuthorReply.objects.create(story=story, body="Thanks.")
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse(DOWNLOAD))
        return len(queries)

    small, large = grow_to(2), grow_to(8)
    print(f"download: {small} queries with 2 stories, {large} with 8")
    assert small == large == DOWNLOAD_QUERIES


def test_it_dates_every_entry_in_iso_format(author, author_client, published_story):
    data = download(confirmed(author_client))

    assert datetime.fromisoformat(data["exported_at"]).tzinfo is not None
    assert datetime.fromisoformat(data["stories"][0]["created_at"]).tzinfo is not None
