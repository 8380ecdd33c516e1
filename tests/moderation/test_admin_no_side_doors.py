"""The admin has no side doors: stories and edits are read here, and changed only by decisions."""

import inspect

import pytest
from django.contrib import admin
from django.urls import reverse

import moderation.admin
import stories.admin
from moderation.admin import StoryAdmin
from stories.models import Story, StoryPhoto, StoryRevision
from tests.factories import StoryFactory, UserFactory, enrol_second_factor
from tests.moderation.helpers import text


@pytest.fixture
def superuser_client(db, login):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    enrol_second_factor(superuser)
    return login(superuser)


def test_one_story_admin_is_registered_by_moderation():
    assert type(admin.site._registry[Story]) is StoryAdmin
    assert "unregister" not in inspect.getsource(moderation.admin)
    assert not hasattr(stories.admin, "StoryAdmin")


def test_even_a_superuser_cannot_change_a_story_in_the_admin(superuser_client, published_story):
    url = reverse("admin:stories_story_change", args=[published_story.pk])

    page = text(superuser_client.get(url))
    refused = superuser_client.post(
        url, {"title": "Changed behind the queue", "body": "New text.", "status": "draft"}
    )

    assert "Thank you, Dana" in page
    for field in ["title", "body", "photo", "photo_alt", "status", "author", "is_anonymous"]:
        assert f'name="{field}"' not in page
    assert 'name="_save"' not in page
    assert refused.status_code == 403
    published_story.refresh_from_db()
    assert (published_story.title, published_story.status) == ("Thank you, Dana", "published")


def test_even_a_superuser_cannot_add_or_delete_a_story_in_the_admin(
    superuser_client, published_story
):
    delete = superuser_client.post(
        reverse("admin:stories_story_delete", args=[published_story.pk]), {"post": "yes"}
    )
    add = superuser_client.get(reverse("admin:stories_story_add"))
    changelist = text(superuser_client.get(reverse("admin:stories_story_changelist")))

    assert delete.status_code == 403
    assert add.status_code == 403
    assert "delete_selected" not in changelist
    assert "Approve and publish the selected stories" in changelist
    assert Story.objects.filter(pk=published_story.pk).exists()


def test_an_edit_is_read_only_in_the_admin(superuser_client, moderator_client, pending_edit):
    url = reverse("admin:stories_storyrevision_change", args=[pending_edit.pk])

    page = text(moderator_client.get(url))
    changed = superuser_client.post(url, {"title": "Approved by hand", "status": "approved"})
    deleted = superuser_client.post(
        reverse("admin:stories_storyrevision_delete", args=[pending_edit.pk]), {"post": "yes"}
    )
    added = superuser_client.get(reverse("admin:stories_storyrevision_add"))

    assert "Thank you again, Dana" in page
    assert 'name="title"' not in page
    assert (changed.status_code, deleted.status_code, added.status_code) == (403, 403, 403)
    pending_edit.refresh_from_db()
    assert (pending_edit.title, pending_edit.status) == ("Thank you again, Dana", "pending")


def test_a_photo_cannot_be_swapped_or_removed_in_the_admin(superuser_client, author):
    # The row alone: the admin refuses before it would ever open the files.
    photo = StoryPhoto.objects.create(
        owner=author, image="photos/k/photo.jpg", thumbnail="photos/k/thumb.jpg", width=8, height=6
    )
    StoryFactory(author=author, photo=photo, photo_alt="A bus stop in the rain")
    url = reverse("admin:stories_storyphoto_change", args=[photo.pk])

    changed = superuser_client.post(url, {"owner": author.pk})
    deleted = superuser_client.post(
        reverse("admin:stories_storyphoto_delete", args=[photo.pk]), {"post": "yes"}
    )

    assert (changed.status_code, deleted.status_code) == (403, 403)
    assert StoryPhoto.objects.filter(pk=photo.pk).exists()


def test_a_moderator_reads_a_story_with_its_history_flags_and_edits(moderator_client, pending_edit):
    page = text(
        moderator_client.get(reverse("admin:stories_story_change", args=[pending_edit.story_id]))
    )

    assert 'id="decisions-group"' in page
    assert 'id="flags-group"' in page
    assert 'id="revisions-group"' in page
    assert "Thank you again, Dana" in page
    assert reverse("admin:stories_storyrevision_change", args=[pending_edit.pk]) in page


def test_the_admin_lists_edits_for_a_moderator(moderator_client, pending_edit):
    page = text(moderator_client.get(reverse("admin:stories_storyrevision_changelist")))

    assert "Thank you again, Dana" in page
    assert StoryRevision.objects.pending().count() == 1
