"""The share form's rules as an author meets them: tags in any case, daily limit, honeypot."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from stories.models import Story, StoryPhoto
from tests.factories import StoryFactory, image_upload
from tests.moderation.helpers import messages_shown
from tests.pages import field_errors, hidden_fields
from tests.stories.helpers import story_data

pytestmark = pytest.mark.django_db

SHARE = reverse("stories:share")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Late Order", ["late-order"]),
        ("  night   shift , LATE order", ["late-order", "night-shift"]),
        ("Late-Order, late order", ["late-order"]),
    ],
)
def test_tags_are_folded_into_the_form_the_help_text_shows(author_client, typed, stored):
    response = author_client.post(SHARE, story_data(tags=typed))

    assert response.status_code == 302
    assert sorted(tag.name for tag in Story.objects.get().tags.all()) == stored


def test_a_tag_with_symbols_is_still_refused_clearly(author_client):
    response = author_client.post(SHARE, story_data(tags="Late Order!"))

    assert response.status_code == 400
    assert field_errors(response, "tags") == [
        "The tag “late-order!” can only use letters, digits and hyphens "
        "(no spaces or symbols), e.g. late-order."
    ]


@pytest.fixture
def limit_reached(settings, author):
    settings.STORIES_PER_DAY = 1
    StoryFactory(
        author=author,
        status=Story.Status.SUBMITTED,
        submitted_at=timezone.now() - timedelta(hours=3),
    )


def test_the_daily_limit_is_shown_on_the_form_with_nothing_lost(author_client, limit_reached):
    data = story_data(title="One more today", photo=image_upload(), photo_alt="A paper cup")

    response = author_client.post(SHARE, data)

    assert response.status_code == 400
    form = response.context["form"]
    assert form.non_field_errors() == [
        "You have sent 1 stories for review in the last 24 hours, which is the daily limit. "
        "Save this one as a draft and submit it tomorrow; nothing is lost."
    ]
    assertContains(response, 'value="One more today"', status_code=400)
    kept = StoryPhoto.objects.get()
    assert hidden_fields(response)["photo_key"] == kept.key
    assert Story.objects.count() == 1


def test_a_story_held_back_by_the_limit_is_kept_as_a_draft_with_its_photo(
    author_client, limit_reached
):
    first = author_client.post(SHARE, story_data(photo=image_upload(), photo_alt="A paper cup"))
    key = hidden_fields(first)["photo_key"]

    author_client.post(SHARE, story_data(intent="draft", photo_key=key, photo_alt="A paper cup"))

    draft = Story.objects.get(status=Story.Status.DRAFT)
    assert draft.photo.key == key


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"photo": image_upload(), "photo_alt": "Spam"}, id="with-a-photo"),
        pytest.param({"title": "", "body": ""}, id="with-errors"),
    ],
)
def test_the_honeypot_is_checked_before_anything_else(author_client, overrides):
    response = author_client.post(
        SHARE, story_data(website="https://cheap-pills.example", **overrides), follow=True
    )

    assert response.redirect_chain == [(reverse("stories:mine"), 302)]
    assert messages_shown(response) == ["Thank you! Your story is waiting for a moderator."]
    assert not Story.objects.exists()
    assert not StoryPhoto.objects.exists()
