import pytest

from stories.models import StoryPhoto
from stories.photos import process_upload
from tests.factories import image_upload


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
