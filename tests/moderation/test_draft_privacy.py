"""A draft is "only you can see it": its author sees it, moderators get a 404 everywhere."""

import pytest
from django.urls import reverse

from stories.models import Story, StoryRevision
from tests.factories import StoryFactory, StoryRevisionFactory, enrol_second_factor


@pytest.fixture
def draft(author) -> Story:
    return StoryFactory(
        author=author,
        status=Story.Status.DRAFT,
        published_at=None,
        title="Half-written about the pharmacist",
        with_photo=True,
    )


@pytest.mark.parametrize("page", ["review", "review_flags"])
def test_a_moderator_cannot_open_a_draft_for_review(draft, moderator_client, page):
    response = moderator_client.get(reverse(f"moderation:{page}", kwargs={"pk": draft.pk}))

    assert response.status_code == 404


def test_a_moderator_cannot_resolve_flags_on_a_draft(draft, moderator_client):
    response = moderator_client.post(
        reverse("moderation:resolve", kwargs={"pk": draft.pk}), {"outcome": "keep"}
    )

    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == Story.Status.DRAFT


def test_a_decision_on_a_draft_is_refused_without_showing_it(draft, moderator_client):
    """Even an invalid decision form, which shows the review page again, shows nothing."""
    response = moderator_client.post(
        reverse("moderation:decide", kwargs={"pk": draft.pk}), {"action": "approve"}, follow=True
    )

    assert response.redirect_chain == [(reverse("moderation:queue"), 302)]
    assert draft.title not in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Story.Status.DRAFT


def test_a_moderator_still_reviews_a_submitted_story(waiting_story, moderator_client):
    response = moderator_client.get(reverse("moderation:review", kwargs={"pk": waiting_story.pk}))

    assert response.status_code == 200


def test_the_author_reads_their_own_draft(draft, author_client):
    response = author_client.get(draft.get_absolute_url())

    assert response.status_code == 200
    assert response.context["story"] == draft


def test_a_moderator_cannot_read_a_draft_on_the_site(draft, moderator_client):
    assert moderator_client.get(draft.get_absolute_url()).status_code == 404


def test_visible_to_leaves_other_people_s_drafts_out_for_moderators(draft, moderator, author):
    assert draft not in Story.objects.visible_to(moderator)
    assert draft in Story.objects.visible_to(author)


class TestAdmin:
    @pytest.fixture
    def superuser_client(self, login, django_user_model):
        boss = django_user_model.objects.create_superuser(
            email="boss@example.com", password="x-long-password-1", display_name="Boss"
        )
        enrol_second_factor(boss)  # staff work behind a second factor (moderation.second_factor)
        return login(boss)

    def test_the_story_list_leaves_drafts_out(self, draft, published_story, superuser_client):
        response = superuser_client.get(reverse("admin:stories_story_changelist"))

        listed = list(response.context["cl"].queryset)
        assert published_story in listed
        assert draft not in listed

    @pytest.mark.parametrize("who", ["moderator_client", "superuser_client"])
    def test_a_draft_cannot_be_opened_in_the_admin(self, draft, who, request):
        client = request.getfixturevalue(who)

        response = client.get(reverse("admin:stories_story_change", args=[draft.pk]))

        # The admin answers a missing object with a redirect to its index and a message.
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:index")


class TestPhotos:
    def photo_status(self, client, story: Story) -> int:
        return client.get(story.photo.url()).status_code

    def test_the_author_sees_the_photo_of_their_draft(self, draft, author_client):
        assert self.photo_status(author_client, draft) == 200

    def test_a_moderator_cannot_see_the_photo_of_a_draft(self, draft, moderator_client):
        assert self.photo_status(moderator_client, draft) == 404

    def test_a_moderator_sees_the_photo_of_a_story_waiting_for_review(
        self, author, moderator_client
    ):
        story = StoryFactory(author=author, status=Story.Status.SUBMITTED, with_photo=True)

        assert self.photo_status(moderator_client, story) == 200

    def test_a_moderator_sees_the_photo_of_a_pending_edit(
        self, published_story, author, moderator_client
    ):
        edit = StoryRevisionFactory(story=published_story)
        draft_only = StoryFactory(
            author=author, status=Story.Status.DRAFT, published_at=None, with_photo=True
        )
        StoryRevision.objects.filter(pk=edit.pk).update(
            photo=draft_only.photo, photo_alt="A new photo"
        )

        assert self.photo_status(moderator_client, draft_only) == 200

    def test_a_reader_cannot_see_the_photo_of_a_draft(self, draft, other_client, visitor):
        assert self.photo_status(other_client, draft) == 404
        assert self.photo_status(visitor, draft) == 404
