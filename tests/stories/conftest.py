import pytest
from django.test import Client

from stories.models import StoryPhoto
from stories.photos import process_upload
from tests.factories import image_upload


@pytest.fixture
def visitor() -> Client:
    """Someone reading the site without an account."""
    return Client()


@pytest.fixture
def other_client(other_member, login) -> Client:
    return login(other_member)


@pytest.fixture
def moderator_client(moderator, login) -> Client:
    return login(moderator)


@pytest.fixture
def make_photo(db):
    """make_photo(owner) stores a processed photo as the share form would."""

    def _make(owner, **upload_options) -> StoryPhoto:
        display, thumbnail = process_upload(image_upload(**upload_options))
        photo = StoryPhoto(owner=owner)
        photo.image.save(display.name, display, save=False)
        photo.thumbnail.save(thumbnail.name, thumbnail, save=False)
        photo.save()
        return photo

    return _make
