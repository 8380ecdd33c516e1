import pytest
from PIL import Image

from stories.models import Story
from tests.factories import StoryFactory, StoryPhotoFactory, image_upload
from tests.stories.helpers import encoded, jpeg_with_gps, story_data


def share_with_photo(client, upload, **overrides) -> Story:
    response = client.post(
        "/share/", story_data(photo=upload, photo_alt="A paper cup", **overrides)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Story.objects.get()


def stored_image(field) -> Image.Image:
    with field.open("rb") as handle:
        image = Image.open(handle)
        image.load()
    return image


def stored_bytes(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


@pytest.mark.django_db
def test_it_strips_gps_and_camera_data_from_both_stored_sizes(author_client):
    story = share_with_photo(author_client, jpeg_with_gps())

    for field in (story.photo.image, story.photo.thumbnail):
        image = stored_image(field)
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info
        assert b"SpyCam" not in stored_bytes(field)


@pytest.mark.django_db
def test_it_applies_the_camera_orientation_before_dropping_it(author_client):
    story = share_with_photo(author_client, jpeg_with_gps(size=(300, 100), orientation=6))

    image = stored_image(story.photo.image)
    assert image.size == (100, 300)
    assert (story.photo.width, story.photo.height) == (100, 300)


@pytest.mark.django_db
def test_it_stores_photos_under_an_unguessable_key_not_the_uploaded_name(author_client):
    story = share_with_photo(author_client, image_upload("alice-smith-at-home.jpg"))
    photo = story.photo

    assert len(photo.key) >= 20
    assert photo.key in photo.image.name
    assert photo.key in photo.thumbnail.name
    assert "alice-smith" not in photo.image.name
    assert "alice-smith" not in photo.thumbnail.name
    assert photo.url() == f"/photos/{photo.key}/display.jpg"


@pytest.mark.django_db
def test_two_uploads_of_the_same_file_get_different_keys(author_client, author):
    share_with_photo(author_client, image_upload("same.jpg"))
    author_client.post(
        "/share/",
        story_data(title="Another day", photo=image_upload("same.jpg"), photo_alt="Again"),
    )

    keys = {story.photo.key for story in Story.objects.all()}
    assert len(keys) == 2


@pytest.mark.django_db
def test_it_shrinks_a_large_photo_to_display_and_thumbnail_sizes(author_client):
    story = share_with_photo(author_client, image_upload(size=(4000, 3000)))

    display = stored_image(story.photo.image)
    thumbnail = stored_image(story.photo.thumbnail)
    assert max(display.size) == 1600
    assert display.size == (1600, 1200)
    assert max(thumbnail.size) <= 480
    assert thumbnail.size == (480, 360)


@pytest.mark.django_db
def test_it_keeps_a_small_photo_at_its_own_size(author_client):
    story = share_with_photo(author_client, image_upload(size=(400, 300)))

    assert stored_image(story.photo.image).size == (400, 300)


@pytest.mark.django_db
def test_it_accepts_a_png_with_transparency(author_client):
    image = Image.new("RGBA", (640, 480), (255, 0, 0, 0))
    story = share_with_photo(author_client, encoded(image, "sticker.png", "PNG", "image/png"))

    stored = stored_image(story.photo.image)
    assert stored.format == "JPEG"
    assert stored.mode == "RGB"
    assert stored.size == (640, 480)


@pytest.mark.django_db
def test_it_accepts_a_webp_photo(author_client):
    story = share_with_photo(author_client, image_upload("cup.webp", image_format="WEBP"))

    assert stored_image(story.photo.image).format == "JPEG"


@pytest.mark.django_db
def test_a_published_storys_photo_is_served_to_everyone(visitor, author):
    photo = StoryPhotoFactory(owner=author)
    StoryFactory(author=author, photo=photo, photo_alt="A cup")

    display = visitor.get(photo.url())
    thumbnail = visitor.get(photo.thumbnail_url())

    for response in (display, thumbnail):
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


@pytest.mark.django_db
def test_an_unpublished_storys_photo_is_hidden_from_visitors_and_other_members(
    visitor, other_client, author
):
    photo = StoryPhotoFactory(owner=author)
    StoryFactory(author=author, photo=photo, photo_alt="A cup", status=Story.Status.SUBMITTED)

    for client in (visitor, other_client):
        assert client.get(photo.url()).status_code == 404
        assert client.get(photo.thumbnail_url()).status_code == 404


@pytest.mark.django_db
def test_an_unpublished_storys_photo_is_shown_to_its_author_and_a_moderator(
    author_client, moderator_client, author
):
    photo = StoryPhotoFactory(owner=author)
    StoryFactory(author=author, photo=photo, photo_alt="A cup", status=Story.Status.SUBMITTED)

    for client in (author_client, moderator_client):
        response = client.get(photo.url())
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"


@pytest.mark.django_db
def test_an_unknown_photo_key_is_not_found(visitor):
    assert visitor.get("/photos/no-such-key-at-all-here/display.jpg").status_code == 404
