"""delete_account() as the account page, the admin or a shell calls it."""

import pytest
from django.db import transaction

from accounts.deletion import delete_account
from accounts.models import User
from stories.models import Story, StoryPhoto
from tests.factories import StoryFactory, image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(author) -> StoryPhoto:
    photo = StoryPhoto.objects.create_from_upload(owner=author, upload=image_upload())
    StoryFactory(author=author, photo=photo, photo_alt="A paper cup on a counter")
    return photo


def test_it_deletes_the_member_their_stories_and_photo_files(
    author, other_member, photo, django_capture_on_commit_callbacks
):
    StoryFactory(author=other_member, title="Bob's story")
    storage, files = photo.image.storage, [photo.image.name, photo.thumbnail.name]

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=author, keep_stories=False)

    assert not User.objects.filter(pk=author.pk).exists()
    assert list(Story.objects.values_list("title", flat=True)) == ["Bob's story"]
    assert not StoryPhoto.objects.exists()
    assert not any(storage.exists(name) for name in files)


def test_it_keeps_the_files_when_the_deletion_is_rolled_back(author, photo):
    files = [photo.image.name, photo.thumbnail.name]
    email = author.email

    with pytest.raises(RuntimeError), transaction.atomic():
        delete_account(user=author, keep_stories=False)
        raise RuntimeError("something else failed in the same transaction")

    assert User.objects.filter(email=email).exists()
    assert all(photo.image.storage.exists(name) for name in files)
