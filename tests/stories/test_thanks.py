import pytest

from stories.models import Story, Thanks
from tests.factories import StoryFactory
from tests.stories.helpers import page_text, section


def thank_url(story: Story) -> str:
    return f"/stories/{story.pk}/thank/"


def thanks_count(story: Story) -> int:
    story.refresh_from_db()
    return story.thanks_count


@pytest.mark.django_db
def test_a_member_thanks_a_story_and_can_take_it_back(other_client, published_story):
    first = other_client.post(thank_url(published_story), follow=True)

    assert first.redirect_chain == [(published_story.get_absolute_url(), 302)]
    assert "Thank you sent. The storyteller will be glad." in page_text(first)
    assert thanks_count(published_story) == 1
    assert "<strong>1</strong> thank</p>" in page_text(first)
    assert 'aria-pressed="true"' in page_text(first)

    second = other_client.post(thank_url(published_story), follow=True)

    assert "Thanks taken back." in page_text(second)
    assert thanks_count(published_story) == 0
    assert not Thanks.objects.exists()
    assert "<strong>0</strong> thanks</p>" in page_text(second)
    assert 'aria-pressed="false"' in page_text(second)


@pytest.mark.django_db
def test_thanks_from_several_members_add_up_on_the_story_card(
    visitor, login, other_member, moderator, published_story
):
    for member in (other_member, moderator):
        login(member).post(thank_url(published_story))

    card = section(visitor.get("/stories/"), '<article class="story-card">', "</article>")

    assert thanks_count(published_story) == 2
    assert "2 thanks" in card


@pytest.mark.django_db
def test_a_visitor_is_asked_to_log_in_to_thank(visitor, published_story):
    page = visitor.get(published_story.get_absolute_url())
    response = visitor.post(thank_url(published_story))

    assert "to thank the storyteller" in page_text(page)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert thanks_count(published_story) == 0


@pytest.mark.django_db
def test_thanking_needs_a_post(other_client, published_story):
    response = other_client.get(thank_url(published_story))

    assert response.status_code == 405
    assert thanks_count(published_story) == 0


@pytest.mark.django_db
def test_an_author_cannot_thank_their_own_story(author_client, published_story):
    page = author_client.get(published_story.get_absolute_url())
    response = author_client.post(thank_url(published_story), follow=True)

    assert "Thank the storyteller" not in page_text(page)
    assert "This is your own story, so you cannot thank it." in page_text(response)
    assert thanks_count(published_story) == 0
    assert not Thanks.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Story.Status.SUBMITTED, Story.Status.WITHDRAWN])
def test_an_unpublished_story_cannot_be_thanked(other_client, moderator_client, author, status):
    story = StoryFactory(author=author, status=status)

    for client in (other_client, moderator_client):
        assert client.post(thank_url(story)).status_code == 404
    assert thanks_count(story) == 0
    assert not Thanks.objects.exists()
