"""My pledges keeps each row's markup (pledges.listing): what the member sees must never lag,
and never be anyone else's."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from pledges.models import Pledge
from stories.models import Practice, Story
from tests.factories import StoryFactory, UserFactory
from tests.pages import parse

pytestmark = pytest.mark.django_db

MY_PLEDGES = "/accounts/pledges/"


def items(client) -> list:
    found = parse(client.get(MY_PLEDGES)).find("ul", cls="pledge-list")
    return found.find_all("li") if found else []


def signed_in(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_it_shows_a_story_changed_behind_its_back(author_client, author, pledge_of):
    story = StoryFactory(
        author=author, pledge=pledge_of(author), title="Not yet", status=Story.Status.SUBMITTED
    )
    assert "“Not yet” (waiting for review" in items(author_client)[0].text

    # Straight in the database: no signal or trigger tells the page anything.
    Story.objects.filter(pk=story.pk).update(
        title="Out now", status=Story.Status.PUBLISHED, published_at=timezone.now()
    )

    [item] = items(author_client)
    assert item.find("a", href=f"/stories/{story.pk}-out-now/").text == "Out now"


def test_it_shows_the_reminder_sent_and_the_reminders_turned_off(author_client, author, pledge_of):
    pledge = pledge_of(author)
    assert "We will ask how it went around" in items(author_client)[0].text

    User.objects.filter(pk=author.pk).update(pledge_reminders=False)
    assert "No reminder: reminders are off." in items(author_client)[0].text

    Pledge.objects.filter(pk=pledge.pk).update(reminded_at=timezone.now())
    assert "We asked how it went on" in items(author_client)[0].text


def test_a_cancelled_pledge_leaves_at_once(author_client, author, pledge_of):
    pledge = pledge_of(author)
    assert len(items(author_client)) == 1

    Pledge.objects.filter(pk=pledge.pk).update(cancelled_at=timezone.now())

    assert items(author_client) == []


def test_two_members_pledged_alike_each_see_and_cancel_only_their_own(practice, pledge_of):
    alice, bob = UserFactory(), UserFactory()
    pledges = {member: pledge_of(member) for member in (alice, bob)}
    for member in (alice, bob):
        StoryFactory(author=member, pledge=pledges[member], title=f"By {member.display_name}")
    pledge_of(bob, on=Practice.objects.get(slug="say-thank-you"))
    clients = {member: signed_in(member) for member in (alice, bob)}
    tokens = set()

    for member in (alice, bob):
        [item, *_] = [i for i in items(clients[member]) if "Smile first" in i.find("h2").text]
        assert f"By {member.display_name}" in item.text
        form = item.find("form")
        assert form.attrs["action"] == f"/accounts/pledges/{pledges[member].pk}/cancel/"
        token = form.find("input", name="csrfmiddlewaretoken").attrs["value"]
        tokens.add(token)
        assert (
            clients[member].post(form.attrs["action"], {"csrfmiddlewaretoken": token}).status_code
            == 302
        )

    assert len(tokens) == 2
    assert not Pledge.objects.active().filter(pk__in=[p.pk for p in pledges.values()]).exists()
    assert len(items(clients[bob])) == 1
    assert len(items(clients[alice])) == 0


@pytest.mark.parametrize("pledged", [1, 4])
def test_it_reads_the_session_with_its_member_and_one_statement(
    author_client, author, pledged, django_assert_num_queries
):
    for practice in Practice.objects.order_by("id")[:pledged]:
        Pledge.objects.create(
            member=author, practice=practice, remind_at=timezone.now() + timedelta(days=3)
        )
    author_client.get(MY_PLEDGES)

    with django_assert_num_queries(2):
        assert len(items(author_client)) == pledged
