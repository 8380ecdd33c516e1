"""The settings pages: display name, account deletion, and allauth's email and password pages."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User
from stories.models import Story, StoryPhoto
from tests.factories import PASSWORD, StoryFactory


def page_text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("url_name", ["accounts:profile", "accounts:delete"])
def test_it_sends_a_visitor_to_log_in_first(client, db, url_name):
    url = reverse(url_name)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("url_name", ["accounts:profile", "accounts:delete"])
def test_it_shows_a_member_their_settings_pages_uncached(author_client, url_name):
    response = author_client.get(reverse(url_name))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_it_saves_a_new_display_name_with_a_message(author, author_client):
    response = author_client.post(
        reverse("accounts:profile"), {"display_name": "  Ally  "}, follow=True
    )

    assert response.redirect_chain == [(reverse("accounts:profile"), 302)]
    assert "Your profile is saved." in page_text(response)
    author.refresh_from_db()
    assert author.display_name == "Ally"


@pytest.mark.parametrize("blank", ["", "   "])
def test_it_explains_what_to_fix_when_the_display_name_is_blank(author, author_client, blank):
    response = author_client.post(reverse("accounts:profile"), {"display_name": blank})

    assert response.status_code == 200
    assert "Enter the name other readers should see." in page_text(response)
    author.refresh_from_db()
    assert author.display_name == "Alice"


def test_it_keeps_what_was_typed_when_the_display_name_is_too_long(author, author_client):
    too_long = "Alexandra-Bartholomew-Catherine-Dominique"  # 41 characters

    response = author_client.post(reverse("accounts:profile"), {"display_name": too_long})

    assert response.status_code == 200
    assert f'value="{too_long}"' in page_text(response)
    assert "at most 40 characters" in page_text(response)
    author.refresh_from_db()
    assert author.display_name == "Alice"


def test_it_shows_the_delete_form_on_get_and_deletes_nothing(author, author_client):
    StoryFactory(author=author)

    response = author_client.get(reverse("accounts:delete"))

    assert response.status_code == 200
    assert "Delete my account for good" in page_text(response)
    assert User.objects.filter(pk=author.pk).exists()
    assert Story.objects.filter(author=author).count() == 1


def test_it_keeps_the_account_when_the_password_is_wrong(author, author_client):
    StoryFactory(author=author)

    response = author_client.post(reverse("accounts:delete"), {"password": "not-my-password"})

    assert response.status_code == 200
    assert "That password is not right. Your account was not deleted." in page_text(response)
    assert User.objects.filter(pk=author.pk).exists()
    assert Story.objects.filter(author=author).count() == 1
    assert author_client.get(reverse("accounts:profile")).status_code == 200


def test_it_deletes_the_account_and_its_stories_then_logs_out(author, other_member, author_client):
    StoryFactory(author=author)
    StoryFactory(author=author, status=Story.Status.SUBMITTED)
    someone_elses = StoryFactory(author=other_member)

    response = author_client.post(
        reverse("accounts:delete"), {"stories": "delete", "password": PASSWORD}, follow=True
    )

    assert response.redirect_chain == [(reverse("home"), 302)]
    assert "Your account and everything you shared are deleted. Take care." in page_text(response)
    assert "Log in" in page_text(response)
    assert not User.objects.filter(pk=author.pk).exists()
    assert not Story.objects.filter(author_id=author.pk).exists()
    assert not EmailAddress.objects.filter(user_id=author.pk).exists()
    assert Story.objects.filter(pk=someone_elses.pk).exists()
    assert author_client.get(reverse("accounts:profile")).status_code == 302


def test_it_removes_the_photo_files_of_a_deleted_account(
    author, author_client, django_capture_on_commit_callbacks
):
    photo = StoryFactory(author=author, with_photo=True).photo
    storage, files = photo.image.storage, [photo.image.name, photo.thumbnail.name]
    assert all(storage.exists(name) for name in files)

    # Removing files belongs after the commit; run those callbacks as a real request would.
    with django_capture_on_commit_callbacks(execute=True):
        author_client.post(reverse("accounts:delete"), {"stories": "delete", "password": PASSWORD})

    assert not StoryPhoto.objects.filter(pk=photo.pk).exists()
    # The page promises "every story you wrote ... with their photos": the files go too.
    assert not any(storage.exists(name) for name in files)


@pytest.mark.parametrize(
    "url_name",
    ["accounts:profile", "account_email", "account_change_password", "accounts:delete"],
)
def test_it_renders_every_settings_page_in_the_site_layout(author_client, url_name):
    response = author_client.get(reverse(url_name))

    html = page_text(response)
    assert response.status_code == 200
    assert 'class="brand"' in html
    assert "Flip the Counter</a>" in html
    assert 'aria-label="Account settings"' in html
    for link in ["Display name", "Email address", "Password", "Delete account"]:
        assert f">{link}</a>" in html
    assert 'aria-current="page"' in html
    assert "The essays behind the idea" in html
