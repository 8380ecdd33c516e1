"""The admin has no sign-in of its own: it sends everyone to the site's rate-limited login."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, totp_code


def site_login_with_next(next_url: str) -> str:
    return f"{reverse('account_login')}?{urlencode({'next': next_url})}"


@pytest.mark.parametrize("method", ["get", "post"])
def test_it_sends_a_visitor_from_the_admin_login_to_the_site_login(visitor, db, method):
    response = getattr(visitor, method)(reverse("admin:login"))

    assert response.status_code == 302
    assert response["Location"] == site_login_with_next(reverse("admin:index"))


def test_it_never_checks_a_password_posted_to_the_admin_login(visitor, moderator):
    response = visitor.post(
        reverse("admin:login"), {"username": moderator.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in visitor.session


def test_it_keeps_the_page_asked_for_through_the_site_login(visitor, db):
    story_admin = reverse("admin:stories_story_changelist")

    response = visitor.get(story_admin, follow=True)

    assert response.redirect_chain[-1][0] == site_login_with_next(story_admin)
    assert response.context["form"].fields["password"]  # the site's own login form


def test_it_lets_a_signed_in_staff_moderator_into_the_admin(moderator_client):
    response = moderator_client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")

    assert moderator_client.get(reverse("admin:index")).status_code == 200


def test_it_refuses_the_admin_to_a_signed_in_member(author_client):
    assert author_client.get(reverse("admin:login")).status_code == 403


def test_it_ignores_a_next_address_on_another_site(visitor, db):
    response = visitor.get(reverse("admin:login"), {"next": "https://evil.example/"})

    assert response["Location"] == site_login_with_next(reverse("admin:index"))


def test_it_signs_in_through_the_site_login_and_arrives_in_the_admin(visitor, moderator):
    response = visitor.post(
        site_login_with_next(reverse("admin:index")),
        {"login": moderator.email, "password": PASSWORD},
    )

    # Staff have a second factor: the login asks for its code before going on to the admin.
    assert response["Location"] == reverse("mfa_authenticate")
    response = visitor.post(reverse("mfa_authenticate"), {"code": totp_code()})

    assert response["Location"] == reverse("admin:index")
    assert visitor.get(reverse("admin:index")).status_code == 200


def test_it_changes_a_staff_password_on_the_site_page_that_sends_the_notice(moderator_client):
    response = moderator_client.get(reverse("admin:password_change"))

    assert response.status_code == 302
    assert response["Location"] == reverse("account_change_password")
