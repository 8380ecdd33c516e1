import pytest

from stories.models import StoryPhoto
from tests.factories import image_upload


@pytest.fixture
def make_photo(db):
    """make_photo(owner) stores a processed photo as the share form would."""

    def _make(owner, **upload_options) -> StoryPhoto:
        return StoryPhoto.objects.create_from_upload(
            owner=owner, upload=image_upload(**upload_options)
        )

    return _make
