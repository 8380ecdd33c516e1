"""Photo files go only once the rows are surely gone: account deletion and the daily purge, on disk
and in the bucket alike."""

import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accounts.deletion import delete_account
from stories.models import StoryPhoto
from tests.factories import StoryFactory, StoryPhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["disk", "bucket"])
def stored(request):
    """stored(photo): which of the photo's files the site's storage still holds."""
    bucket = request.getfixturevalue("bucket") if request.param == "bucket" else None

    def _stored(photo) -> set[str]:
        names = {photo.image.name, photo.thumbnail.name}
        held = {name for name in names if default_storage.exists(name)}
        if bucket is not None:
            assert held == names & bucket.keys()
        return held

    return _stored


def aged_photo(owner, *, hours: int) -> StoryPhoto:
    return StoryPhotoFactory(owner=owner, created_at=timezone.now() - timedelta(hours=hours))


def test_deleting_an_account_removes_its_photo_files_after_the_commit(
    author, stored, django_capture_on_commit_callbacks
):
    photo = StoryPhotoFactory(owner=author)
    StoryFactory(author=author, photo=photo, photo_alt="A paper cup")
    names = stored(photo)
    assert len(names) == 2

    with django_capture_on_commit_callbacks() as after_commit:
        delete_account(user=author, keep_stories=False)
        assert stored(photo) == names

    for callback in after_commit:
        callback()
    assert stored(photo) == set()


def test_a_rolled_back_account_deletion_keeps_the_files(author, stored):
    photo = StoryPhotoFactory(owner=author)
    names = stored(photo)

    with pytest.raises(RuntimeError), transaction.atomic():
        delete_account(user=author, keep_stories=False)
        raise RuntimeError("something else failed in the same transaction")

    assert StoryPhoto.objects.filter(pk=photo.pk).exists()
    assert stored(photo) == names


def test_the_purge_removes_old_unused_uploads_and_keeps_the_rest(
    author, stored, django_capture_on_commit_callbacks
):
    old_unused = aged_photo(author, hours=30)
    young_unused = aged_photo(author, hours=2)
    used = aged_photo(author, hours=30)
    StoryFactory(author=author, photo=used, photo_alt="A paper cup")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_unused_photos", stdout=(output := io.StringIO()))

    assert "Removed 1 unused photo." in output.getvalue()
    assert list(StoryPhoto.objects.order_by("pk")) == [young_unused, used]
    assert stored(old_unused) == set()
    assert len(stored(young_unused)) == len(stored(used)) == 2


def test_the_purge_removes_files_only_once_the_rows_are_gone(author, stored):
    photo = aged_photo(author, hours=30)

    with pytest.raises(RuntimeError), transaction.atomic():
        call_command("purge_unused_photos", stdout=io.StringIO())
        raise RuntimeError("the purge's transaction did not commit")

    assert StoryPhoto.objects.filter(pk=photo.pk).exists()
    assert len(stored(photo)) == 2
