"""The queue pages read their rows with statements built once per process (moderation.listing):
every request must still show the current title, claim, status, flags and standing."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from moderation.models import ReviewClaim
from moderation.suspensions import suspend_member
from stories.models import Story
from tests.factories import FlagFactory, StoryFactory, StoryRevisionFactory, UserFactory
from tests.pages import parse

QUEUE = reverse("moderation:queue")
FLAGGED = reverse("moderation:flagged")


def rows(response) -> list[list[str]]:
    table = parse(response).find("table", cls="queue")
    if table is None:
        return []
    return [
        [" ".join(cell.text.split()) for cell in row.find_all("td")]
        for row in table.find("tbody").find_all("tr")
    ]


def test_the_queue_shows_each_items_title_kind_and_author(moderator_client, waiting_story):
    unnamed = UserFactory(display_name="")
    edit = StoryRevisionFactory(
        story=StoryFactory(author=unnamed, title="Published title"), title="Edited title"
    )
    edit.created_at = timezone.now() - timedelta(minutes=5)
    edit.save()

    shown = rows(moderator_client.get(QUEUE))

    assert [row[:3] for row in shown] == [
        ["The night nurse who stayed", "New story", waiting_story.author.public_name],
        ["Edited title", "Edit of a published story", "A member"],
    ]
    assert shown[0][3] == "1 h ago"
    page = parse(moderator_client.get(QUEUE))
    links = [link.attrs["href"] for link in page.find("table", cls="queue").find_all("a")]
    assert links == [
        reverse("moderation:review", kwargs={"pk": waiting_story.pk}),
        reverse("moderation:review_edit", kwargs={"pk": edit.pk}),
    ]


def test_a_renamed_story_and_a_new_claim_show_on_the_next_request(
    moderator_client, second_moderator_client, second_moderator, waiting_story
):
    assert rows(moderator_client.get(QUEUE))[0][0] == "The night nurse who stayed"

    Story.objects.filter(pk=waiting_story.pk).update(title="The nurse who stayed late")
    second_moderator_client.get(reverse("moderation:review", kwargs={"pk": waiting_story.pk}))

    row = rows(moderator_client.get(QUEUE))[0][0]
    assert row.startswith("The nurse who stayed late")
    assert f"being reviewed by {second_moderator.public_name}, 1 min" in row
    assert "being reviewed by you" in rows(second_moderator_client.get(QUEUE))[0][0]

    ReviewClaim.objects.update(claimed_at=timezone.now() - timedelta(hours=1))
    assert "being reviewed" not in rows(moderator_client.get(QUEUE))[0][0]


def test_a_decided_or_suspended_story_leaves_the_queue_at_once(
    moderator_client, moderator, waiting_story, submitted_story
):
    other = submitted_story(title="Another story", author=UserFactory())
    assert len(rows(moderator_client.get(QUEUE))) == 2

    Story.objects.filter(pk=waiting_story.pk).update(status=Story.Status.REJECTED)
    assert [row[0] for row in rows(moderator_client.get(QUEUE))] == ["Another story"]

    suspend_member(member=other.author, moderator=moderator, days=7, reason="Spam.")
    page = moderator_client.get(QUEUE)
    assert rows(page) == []
    assert "Nothing is waiting" in page.content.decode()


def test_a_page_past_the_end_shows_the_last_page(moderator_client, submitted_story, monkeypatch):
    from moderation import views

    monkeypatch.setattr(views, "QUEUE_PAGE_SIZE", 2)
    now = timezone.now()
    for hours in [3, 2, 1]:
        submitted_story(title=f"Sent {hours} h ago", submitted_at=now - timedelta(hours=hours))

    page = moderator_client.get(QUEUE, {"page": 9})

    assert [row[0] for row in rows(page)] == ["Sent 1 h ago"]
    assert "Waiting for review (3)" in page.content.decode()
    assert "Page 2 of 2" in " ".join(parse(page).find("nav", cls="pagination").text.split())


def test_the_flagged_queue_follows_flags_and_status(moderator_client, published_story):
    assert rows(moderator_client.get(FLAGGED)) == []

    FlagFactory(story=published_story)
    FlagFactory(story=published_story)
    shown = rows(moderator_client.get(FLAGGED))
    assert [row[:3] for row in shown] == [[published_story.title, "2", "Published"]]
    assert shown[0][3].endswith("ago")

    Story.objects.filter(pk=published_story.pk).update(status=Story.Status.HIDDEN)
    assert rows(moderator_client.get(FLAGGED))[0][2] == "Hidden while flags are reviewed"

    published_story.flags.update(resolved_at=timezone.now())
    assert rows(moderator_client.get(FLAGGED)) == []
    assert "1 stor" not in moderator_client.get(QUEUE).content.decode()
