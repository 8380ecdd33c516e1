"""Photos in an S3-compatible bucket: stored there, private there, served only through the site."""

from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from stories.models import Story
from tests.factories import StoryFactory, StoryPhotoFactory, image_upload
from tests.stories.helpers import story_data

pytestmark = pytest.mark.django_db

PUBLIC_GROUPS = (
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
)


def share_with_photo(client) -> Story:
    response = client.post("/share/", story_data(photo=image_upload(), photo_alt="A paper cup"))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Story.objects.get()


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_it_stores_the_photo_and_its_thumbnail_in_the_bucket_and_nothing_on_disk(
    author_client, bucket, settings
):
    photo = share_with_photo(author_client).photo

    assert bucket.keys() == {photo.image.name, photo.thumbnail.name}
    assert photo.image.name == f"photos/{photo.key}/display.jpg"
    assert photo.thumbnail.name == f"photos/{photo.key}/thumb.jpg"
    assert bucket.read(photo.image.name)[:2] == b"\xff\xd8"
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


def test_the_objects_are_private_no_public_grant_and_no_bucket_policy(author, bucket):
    photo = StoryPhotoFactory(owner=author)

    for name in (photo.image.name, photo.thumbnail.name):
        grants = bucket.client.get_object_acl(Bucket=bucket.name, Key=name)["Grants"]
        assert not [grant for grant in grants if grant["Grantee"].get("URI") in PUBLIC_GROUPS]
    with pytest.raises(ClientError) as missing:
        bucket.client.get_bucket_policy(Bucket=bucket.name)
    assert missing.value.response["Error"]["Code"] == "NoSuchBucketPolicy"


@pytest.mark.parametrize("status", [Story.Status.SUBMITTED, Story.Status.PUBLISHED])
def test_the_object_address_without_a_signature_is_refused_by_the_server(author, bucket, status):
    photo = StoryPhotoFactory(owner=author)
    StoryFactory(author=author, status=status, photo=photo, photo_alt="A paper cup")

    assert bucket.status_without_signing(photo.image.name) == 403
    assert bucket.status_without_signing(photo.thumbnail.name) == 403


def test_the_author_sees_their_photo_from_the_bucket_before_approval(
    author_client, bucket, submitted_story
):
    story = share_with_photo(author_client)
    assert story.status == Story.Status.SUBMITTED

    display = author_client.get(story.photo.url())
    thumbnail = author_client.get(story.photo.thumbnail_url())

    assert display.status_code == 200
    assert display["Content-Type"] == "image/jpeg"
    assert body(display) == bucket.read(story.photo.image.name)
    assert body(thumbnail) == bucket.read(story.photo.thumbnail.name)
    assert "no-store" in display["Cache-Control"]
    assert "private" in display["Cache-Control"]


@pytest.mark.parametrize("who", ["visitor", "other_client"])
def test_no_one_else_sees_a_photo_waiting_for_review(request, author_client, bucket, who):
    story = share_with_photo(author_client)
    client = request.getfixturevalue(who)

    assert client.get(story.photo.url()).status_code == 404
    assert client.get(story.photo.thumbnail_url()).status_code == 404


def test_a_moderator_sees_the_photo_of_a_story_they_review(author_client, moderator_client, bucket):
    story = share_with_photo(author_client)

    response = moderator_client.get(story.photo.url())

    assert response.status_code == 200
    assert body(response) == bucket.read(story.photo.image.name)
    assert "no-store" in response["Cache-Control"]


def test_a_published_photo_comes_from_the_bucket_with_a_long_public_cache(author, visitor, bucket):
    photo = StoryPhotoFactory(owner=author)
    StoryFactory(author=author, photo=photo, photo_alt="A paper cup")

    for address, name in (
        (photo.url(), photo.image.name),
        (photo.thumbnail_url(), photo.thumbnail.name),
    ):
        response = visitor.get(address)
        assert response.status_code == 200
        assert body(response) == bucket.read(name)
        assert int(response["Content-Length"]) == len(bucket.read(name))
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_photo_missing_from_the_bucket_is_not_found(author, visitor, bucket):
    photo = StoryPhotoFactory(owner=author)
    StoryFactory(author=author, photo=photo, photo_alt="A paper cup")
    bucket.client.delete_object(Bucket=bucket.name, Key=photo.image.name)

    assert visitor.get(photo.url()).status_code == 404
