import io
from html import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from stories.models import Story, StoryPhoto
from tests.factories import StoryPhotoFactory, UserFactory, image_upload
from tests.pages import field_errors, hidden_fields
from tests.stories.helpers import page_text, story_data


def kept_photo_key(response) -> str | None:
    return hidden_fields(response).get("photo_key") or None


def assert_everything_typed_is_kept(response, data: dict) -> None:
    text = page_text(response)
    assert escape(data["title"]) in text
    assert escape(data["body"]) in text
    assert "Everything you wrote is still here." in text


# Files a browser might send in the photo field, each built on demand.


def not_an_image():
    return SimpleUploadedFile("x.jpg", b"these are just words\n" * 40, content_type="image/jpeg")


def svg_with_script():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
    return SimpleUploadedFile("cute.jpg", svg, content_type="image/jpeg")


def html_as_jpeg():
    page = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
    return SimpleUploadedFile("page.jpg", page, content_type="image/jpeg")


def gif():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (10, 200, 10)).save(buffer, format="GIF")
    return SimpleUploadedFile("party.gif", buffer.getvalue(), content_type="image/gif")


def truncated_jpeg():
    buffer = io.BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(buffer, format="JPEG")
    data = buffer.getvalue()
    return SimpleUploadedFile("cut.jpg", data[: len(data) // 2], content_type="image/jpeg")


def decompression_bomb():
    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, format="PNG")
    return SimpleUploadedFile("tiny.png", buffer.getvalue(), content_type="image/png")


def over_ten_megabytes():
    return SimpleUploadedFile(
        "huge.jpg", b"\xff" * (10 * 1024 * 1024 + 1), content_type="image/jpeg"
    )


@pytest.mark.django_db
def test_a_visitor_is_sent_to_log_in_before_sharing(visitor):
    response = visitor.get("/share/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/share/"


@pytest.mark.django_db
def test_a_verified_member_gets_the_share_form(author_client):
    response = author_client.get("/share/")

    assert response.status_code == 200
    assert "Share a story" in page_text(response)
    assert 'name="title"' in page_text(response)


@pytest.mark.django_db
def test_a_member_with_an_unverified_email_is_asked_to_verify_first(login):
    unverified = login(UserFactory(verified=False))

    page = unverified.get("/share/")
    attempt = unverified.post("/share/", story_data())

    assert page.status_code == 403
    assert "Please verify your email address first" in page_text(page)
    assert attempt.status_code == 403
    assert not Story.objects.exists()


@pytest.mark.django_db
def test_it_submits_a_valid_story_for_review(author_client, author):
    data = story_data(tags="Late-Order, night-shift", is_anonymous="on")

    response = author_client.post("/share/", data, follow=True)

    assert response.redirect_chain == [("/my-stories/", 302)]
    assert "Thank you! Your story is waiting for a moderator." in page_text(response)
    story = Story.objects.get()
    assert story.title == data["title"]
    assert story.body == data["body"]
    assert story.status == Story.Status.SUBMITTED
    assert story.submitted_at is not None
    assert story.published_at is None
    assert story.author == author
    assert story.is_anonymous is True
    assert sorted(tag.name for tag in story.tags.all()) == ["late-order", "night-shift"]
    assert sorted(p.slug for p in story.practices.all()) == ["call-them-by-name", "say-thank-you"]


@pytest.mark.django_db
def test_it_ignores_a_status_or_author_sent_in_the_form(author_client, author, other_member):
    author_client.post(
        "/share/", story_data(status="published", author=other_member.pk, thanks_count=99)
    )

    story = Story.objects.get()
    assert story.status == Story.Status.SUBMITTED
    assert story.author == author
    assert story.thanks_count == 0


@pytest.mark.django_db
def test_it_saves_a_draft_with_only_a_title_and_keeps_it_editable(author_client):
    response = author_client.post(
        "/share/", {"intent": "draft", "title": "Half a thought"}, follow=True
    )

    story = Story.objects.get()
    assert story.status == Story.Status.DRAFT
    assert response.redirect_chain == [(f"/my-stories/{story.pk}/edit/", 302)]
    assert "Draft saved. Only you can see it" in page_text(response)
    assert 'value="Half a thought"' in page_text(response)

    finished = author_client.post(f"/my-stories/{story.pk}/edit/", story_data())

    assert finished.status_code == 302
    story.refresh_from_db()
    assert story.status == Story.Status.SUBMITTED


@pytest.mark.django_db
def test_a_preview_shows_the_story_as_readers_will_see_it_and_saves_nothing(author_client):
    data = story_data(intent="preview", body="I said *thank you* twice.", tags="gate-agent")

    response = author_client.post("/share/", data)

    assert response.status_code == 200
    text = page_text(response)
    preview = text[text.index('<section class="preview"') : text.index("</section>")]
    assert f"<h1>{escape(data['title'])}</h1>" in preview
    assert "I said <em>thank you</em> twice." in preview
    assert "By Alice" in preview
    assert "#gate-agent" in preview
    assert not Story.objects.exists()


INVALID_INPUTS = [
    pytest.param(
        {"title": "T" * 121},
        "title",
        "Keep the title to 120 characters or fewer (it has 121).",
        id="title-too-long",
    ),
    pytest.param(
        {"body": "   "},
        "body",
        "Tell your story here: the story cannot be empty.",
        id="empty-body",
    ),
    pytest.param(
        {"practices": []},
        "practices",
        "Choose at least one practice your story shows.",
        id="no-practice",
    ),
    pytest.param(
        {"practices": ["smile-first", "say-thank-you", "be-patient", "give-grace"]},
        "practices",
        "Choose at most 3 practices; you chose 4.",
        id="four-practices",
    ),
    pytest.param(
        {"tags": "one, two, three, four, five, six"},
        "tags",
        "Use at most 5 tags; you entered 6.",
        id="six-tags",
    ),
    pytest.param(
        {"tags": "late_order"},
        "tags",
        "The tag “late_order” can only use letters, digits and hyphens",
        id="tag-with-underscore",
    ),
    pytest.param(
        {"tags": "café!"},
        "tags",
        "The tag “café!” can only use letters, digits and hyphens",
        id="tag-with-symbols",
    ),
    pytest.param(
        {"tags": "a" * 41},
        "tags",
        "is too long: at most 40 characters.",
        id="tag-41-chars",
    ),
    pytest.param(
        {
            "body": "Read https://a.example, https://b.example, http://c.example and "
            "www.d.example about it."
        },
        "body",
        "A story may contain at most 3 links. Remove some and try again.",
        id="four-links",
    ),
    pytest.param(
        {"perspective": ""},
        "perspective",
        "Choose whether you were the customer, the one serving, or saw it.",
        id="no-perspective",
    ),
    pytest.param(
        {"setting": "spaceship"},
        "setting",
        "Select a valid choice.",
        id="unknown-setting",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("overrides", "field", "message"), INVALID_INPUTS)
def test_it_explains_a_bad_field_next_to_it_and_keeps_what_was_typed(
    author_client, overrides, field, message
):
    data = story_data(**overrides)

    response = author_client.post("/share/", data)

    assert response.status_code == 400
    assert any(message in error for error in field_errors(response, field)), field_errors(
        response, field
    )
    assert_everything_typed_is_kept(response, data)
    assert not Story.objects.exists()


BAD_PHOTOS = [
    pytest.param(not_an_image, "That file is not a photo we can read.", id="text-named-jpg"),
    pytest.param(svg_with_script, "That file is not a photo.", id="svg-with-script"),
    pytest.param(html_as_jpeg, "That file is not a photo.", id="html-disguised-as-jpeg"),
    pytest.param(gif, "Photos must be JPEG, PNG or WebP; this one is GIF.", id="gif"),
    pytest.param(truncated_jpeg, "That photo seems to be damaged or cut short.", id="truncated"),
    pytest.param(decompression_bomb, "far too large in pixels", id="decompression-bomb"),
    pytest.param(over_ten_megabytes, "over the 10 MB limit", id="over-10-mb"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("make_upload", "message"), BAD_PHOTOS)
def test_it_refuses_a_bad_photo_with_a_clear_message(author_client, make_upload, message):
    data = story_data(photo=make_upload(), photo_alt="What I saw")

    response = author_client.post("/share/", data)

    assert response.status_code == 400
    errors = field_errors(response, "photo")
    assert any(message in error for error in errors), errors
    assert_everything_typed_is_kept(response, data)
    assert kept_photo_key(response) is None
    assert not Story.objects.exists()
    assert not StoryPhoto.objects.exists()


@pytest.mark.django_db
def test_a_photo_needs_a_description(author_client):
    data = story_data(photo=image_upload())

    response = author_client.post("/share/", data)

    assert response.status_code == 400
    assert field_errors(response, "photo_alt") == [
        "Describe the photo for readers who cannot see it."
    ]
    assert_everything_typed_is_kept(response, data)
    assert not Story.objects.exists()


@pytest.mark.django_db
def test_a_good_photo_is_kept_while_another_field_is_fixed(author_client):
    first_try = author_client.post(
        "/share/", story_data(title="", photo=image_upload(), photo_alt="A paper cup")
    )

    assert first_try.status_code == 400
    assert field_errors(first_try, "title") == ["Give your story a title."]
    key = kept_photo_key(first_try)
    assert key
    assert "This photo is kept." in page_text(first_try)

    second_try = author_client.post("/share/", story_data(photo_key=key, photo_alt="A paper cup"))

    assert second_try.status_code == 302
    story = Story.objects.get()
    assert story.photo.key == key
    assert story.photo_alt == "A paper cup"
    assert StoryPhoto.objects.count() == 1


@pytest.mark.django_db
def test_a_member_cannot_attach_another_members_photo(author_client, other_member):
    theirs = StoryPhotoFactory(owner=other_member)

    response = author_client.post("/share/", story_data(photo_key=theirs.key, photo_alt="Not mine"))

    assert response.status_code == 302
    story = Story.objects.get()
    assert story.photo is None
    assert theirs.stories.count() == 0


@pytest.mark.django_db
def test_a_member_can_attach_their_own_kept_photo(author_client, author):
    mine = StoryPhotoFactory(owner=author)

    author_client.post("/share/", story_data(photo_key=mine.key, photo_alt="My photo"))

    assert Story.objects.get().photo == mine
