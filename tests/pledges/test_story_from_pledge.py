"""The reminder's link opens the share form with the practice ticked and the pledge kept, for
the pledge's own member only, through preview, draft and submit."""

import pytest

from pledges.models import Pledge
from stories.errors import NotEditable
from stories.lifecycle import StoryContent, save_draft
from stories.models import Story
from tests.factories import StoryFactory
from tests.pages import hidden_fields, parse
from tests.stories.helpers import page_text, story_data

pytestmark = pytest.mark.django_db


def share_url(pledge: Pledge) -> str:
    return f"/share/?pledge={pledge.pk}"


def ticked_practices(response) -> list[str]:
    return [
        box.attrs["value"]
        for box in parse(response).find_all("input", type="checkbox", name="practices")
        if "checked" in box.attrs
    ]


def test_the_link_ticks_the_practice_and_carries_the_pledge(author_client, author, pledge_of):
    pledge = pledge_of(author)

    response = author_client.get(share_url(pledge))

    assert ticked_practices(response) == ["smile-first"]
    assert hidden_fields(response)["pledge"] == str(pledge.pk)
    assert "This story answers your pledge" in page_text(response)


def test_another_members_link_prefills_nothing(other_client, author, pledge_of):
    pledge = pledge_of(author)

    response = other_client.get(share_url(pledge))

    assert response.status_code == 200
    assert ticked_practices(response) == []
    assert hidden_fields(response).get("pledge", "") == ""


def test_a_cancelled_pledges_link_prefills_nothing(author_client, author, practice, pledge_of):
    pledge = pledge_of(author)
    Pledge.objects.filter(pk=pledge.pk).update(cancelled_at=pledge.created_at)

    response = author_client.get(share_url(pledge))

    assert ticked_practices(response) == []


def test_a_story_submitted_from_the_link_answers_the_pledge(author_client, author, pledge_of):
    pledge = pledge_of(author)

    author_client.post("/share/", story_data(practices=["smile-first"], pledge=pledge.pk))

    story = Story.objects.get()
    assert story.status == Story.Status.SUBMITTED
    assert story.pledge == pledge


def test_the_pledge_survives_preview_and_draft(author_client, author, pledge_of):
    pledge = pledge_of(author)

    preview = author_client.post(
        "/share/", story_data(intent="preview", practices=["smile-first"], pledge=pledge.pk)
    )
    assert hidden_fields(preview)["pledge"] == str(pledge.pk)

    author_client.post(
        "/share/", story_data(intent="draft", practices=["smile-first"], pledge=pledge.pk)
    )
    draft = Story.objects.get()
    assert draft.pledge == pledge

    edit = author_client.get(f"/my-stories/{draft.pk}/edit/")
    assert hidden_fields(edit)["pledge"] == str(pledge.pk)
    author_client.post(f"/my-stories/{draft.pk}/edit/", story_data(pledge=pledge.pk))
    draft.refresh_from_db()
    assert draft.status == Story.Status.SUBMITTED
    assert draft.pledge == pledge


def test_a_member_cannot_link_someone_elses_pledge(other_client, author, pledge_of):
    pledge = pledge_of(author)

    response = other_client.post("/share/", story_data(pledge=pledge.pk))

    assert response.status_code == 400
    assert "This story cannot answer that pledge" in page_text(response)
    assert not Story.objects.exists()


def test_the_lifecycle_refuses_someone_elses_pledge(other_member, author, practice, pledge_of):
    pledge = pledge_of(author)

    with pytest.raises(NotEditable):
        save_draft(
            author=other_member,
            content=StoryContent(title="Not mine", practices=[practice], pledge=pledge),
        )
    assert not Story.objects.exists()


def test_a_pledge_answers_one_story(author_client, author, pledge_of):
    pledge = pledge_of(author)
    StoryFactory(author=author, pledge=pledge, status=Story.Status.DRAFT)

    response = author_client.post("/share/", story_data(title="Second try", pledge=pledge.pk))

    assert response.status_code == 400
    assert "You already started a story from this pledge" in page_text(response)
    assert Story.objects.filter(pledge=pledge).count() == 1


def test_a_published_story_from_a_pledge_says_so(visitor, author, practice, pledge_of):
    story = StoryFactory(author=author, pledge=pledge_of(author), practices=[practice])

    article = parse(visitor.get(story.get_absolute_url())).find("p", cls="tried-after")

    assert article.text == "Tried after reading about Smile first"
    assert article.find("a").attrs["href"] == practice.get_absolute_url()


def test_a_story_not_from_a_pledge_says_nothing_of_it(visitor, published_story):
    page = parse(visitor.get(published_story.get_absolute_url()))

    assert page.find("p", cls="tried-after") is None
