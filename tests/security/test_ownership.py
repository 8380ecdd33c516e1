"""Another member's stories and photos: not found, whatever the URL, the method or the form says.

A 404 rather than a 403, so a guessed id tells nobody whether the story exists.
"""

import pytest
from django.urls import reverse

from stories.models import Story, StoryPhoto, StoryRevision, Thanks
from tests.factories import StoryFactory, image_upload
from tests.moderation.helpers import messages_shown
from tests.stories.helpers import story_data

EDITABLE = [
    Story.Status.DRAFT,
    Story.Status.SUBMITTED,
    Story.Status.CHANGES_REQUESTED,
    Story.Status.WITHDRAWN,
    Story.Status.PUBLISHED,
]


@pytest.fixture
def alices_photo(author, author_client) -> StoryPhoto:
    """A photo Alice uploaded with a form that came back with errors, so it belongs to no story."""
    response = author_client.post(
        reverse("stories:share"), story_data(title="", photo=image_upload(), photo_alt="A cup")
    )
    assert response.status_code == 400
    return StoryPhoto.objects.get(owner=author)


@pytest.mark.django_db
@pytest.mark.parametrize("status", EDITABLE)
def test_another_members_story_cannot_be_opened_for_editing(other_client, author, status):
    story = StoryFactory(author=author, status=status, title="Alice's words")

    response = other_client.get(reverse("stories:edit", kwargs={"pk": story.pk}))

    assert response.status_code == 404
    assert "Alice&#x27;s words" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("status", EDITABLE)
def test_another_members_story_cannot_be_changed_by_posting_the_form(other_client, author, status):
    story = StoryFactory(author=author, status=status, title="Alice's words")

    response = other_client.post(
        reverse("stories:edit", kwargs={"pk": story.pk}), story_data(title="Bob's words")
    )

    assert response.status_code == 404
    story.refresh_from_db()
    assert story.title == "Alice's words"
    assert story.status == status
    assert not StoryRevision.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Story.Status.SUBMITTED, Story.Status.PUBLISHED])
def test_another_members_story_cannot_be_withdrawn(other_client, author, status):
    story = StoryFactory(author=author, status=status)

    response = other_client.post(reverse("stories:withdraw", kwargs={"pk": story.pk}))

    assert response.status_code == 404
    story.refresh_from_db()
    assert story.status == status


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Story.Status.DRAFT, Story.Status.REJECTED])
def test_another_members_story_cannot_be_deleted(other_client, author, status):
    story = StoryFactory(author=author, status=status)

    response = other_client.post(reverse("stories:delete", kwargs={"pk": story.pk}))

    assert response.status_code == 404
    assert Story.objects.filter(pk=story.pk, status=status).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", ["visitor", "other_client", "moderator_client"])
def test_a_draft_is_not_found_by_anyone_but_its_author(request, author, author_client, viewer):
    draft = StoryFactory(author=author, status=Story.Status.DRAFT, title="Half a thought")

    response = request.getfixturevalue(viewer).get(draft.get_absolute_url())

    assert response.status_code == 404
    assert "Half a thought" not in response.content.decode()
    assert author_client.get(draft.get_absolute_url()).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("intent", ["submit", "draft", "preview"])
def test_someone_elses_photo_key_is_never_attached(
    other_client, other_member, alices_photo, author, intent
):
    response = other_client.post(
        reverse("stories:share"),
        story_data(intent=intent, photo_key=alices_photo.key, photo_alt="Stolen"),
    )

    assert response.status_code in (200, 302)
    page = other_client.get(response["Location"]) if response.status_code == 302 else response
    # The key Bob typed may be echoed back to him, but never Alice's picture.
    assert f"/photos/{alices_photo.key}/" not in page.content.decode()
    assert not Story.objects.filter(photo=alices_photo).exists()
    for story in Story.objects.filter(author=other_member):
        assert story.photo is None
    alices_photo.refresh_from_db()
    assert alices_photo.owner == author


@pytest.mark.django_db
def test_someone_elses_photo_key_cannot_be_put_on_an_edit(other_client, other_member, alices_photo):
    bobs = StoryFactory(author=other_member, status=Story.Status.DRAFT, title="Bob's draft")

    other_client.post(
        reverse("stories:edit", kwargs={"pk": bobs.pk}),
        story_data(intent="draft", title="Bob's draft", photo_key=alices_photo.key),
    )

    bobs.refresh_from_db()
    assert bobs.photo is None


@pytest.mark.django_db
@pytest.mark.parametrize("size", ["display", "thumb"])
def test_an_unpublished_photo_is_not_found_by_other_members_or_visitors(
    other_client, visitor, author_client, alices_photo, size
):
    url = reverse("stories:photo", kwargs={"key": alices_photo.key, "size": size})

    assert other_client.get(url).status_code == 404
    assert visitor.get(url).status_code == 404
    own = author_client.get(url)
    assert own.status_code == 200
    assert own["Content-Type"] == "image/jpeg"


@pytest.mark.django_db
def test_the_photo_of_a_story_waiting_for_review_is_not_found_by_others(
    share, other_client, visitor, moderator_client
):
    story = share(photo=image_upload(), photo_alt="A cup")
    assert story.status == Story.Status.SUBMITTED

    assert other_client.get(story.photo.url()).status_code == 404
    assert visitor.get(story.photo.url()).status_code == 404
    assert moderator_client.get(story.photo.url()).status_code == 200


@pytest.mark.django_db
def test_a_member_cannot_thank_their_own_story(author_client, published_story):
    response = author_client.post(
        reverse("stories:thank", kwargs={"pk": published_story.pk}), follow=True
    )

    assert messages_shown(response) == ["This is your own story, so you cannot thank it."]
    assert not Thanks.objects.exists()
    published_story.refresh_from_db()
    assert published_story.thanks_count == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [Story.Status.DRAFT, Story.Status.SUBMITTED, Story.Status.HIDDEN]
)
def test_an_unpublished_story_cannot_be_thanked_or_flagged(other_client, author, status):
    story = StoryFactory(author=author, status=status)

    thank = other_client.post(reverse("stories:thank", kwargs={"pk": story.pk}))
    flag = other_client.post(
        reverse("flags:create", kwargs={"pk": story.pk}), {"reason": "spam", "note": ""}
    )

    assert thank.status_code == flag.status_code == 404
    assert not Thanks.objects.exists()
    assert not story.flags.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/stories/999999-anything/",
        "/stories/0-story/",
        "/my-stories/999999/edit/",
        "/members/999999/",
        "/practices/no-such-practice/",
        "/practices/no-such-practice/feed/",
        "/photos/not-a-real-key/display.jpg",
    ],
)
def test_a_guessed_address_is_not_found(author_client, url):
    assert author_client.get(url).status_code == 404
