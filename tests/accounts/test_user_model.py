"""The member model: email is the login, unique whatever its case; only a display name is public."""

import pytest
from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory


def test_it_stores_the_login_email_in_lower_case(db):
    user = User.objects.create_user("Alice@Example.COM", "a-long-password-1", display_name="Al")

    assert user.email == "alice@example.com"
    assert User.USERNAME_FIELD == "email"
    assert user.check_password("a-long-password-1")


def test_it_refuses_an_account_without_an_email(db):
    with pytest.raises(ValueError, match="email address is required"):
        User.objects.create_user("", "a-long-password-1", display_name="Nobody")


def test_it_refuses_the_same_email_in_another_case_at_the_database(db):
    User.objects.create_user("a@x.com", "a-long-password-1", display_name="First")

    # QuerySet.create skips the manager's lower-casing, as a careless import script would.
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="A@X.com", display_name="Second")

    assert User.objects.filter(email__iexact="a@x.com").count() == 1


def test_it_allows_two_different_emails(db):
    User.objects.create(email="a@x.com", display_name="First")
    User.objects.create(email="b@x.com", display_name="Second")

    assert User.objects.count() == 2


def test_it_makes_a_superuser_staff(db):
    admin = User.objects.create_superuser("root@x.com", "a-long-password-1", display_name="Root")

    assert admin.is_staff
    assert admin.is_superuser


def test_it_has_no_verified_email_without_a_verified_address(db):
    user = UserFactory(verified=False)
    assert not user.has_verified_email()

    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    assert not user.has_verified_email()


def test_it_has_a_verified_email_once_its_address_is_confirmed(db):
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email.upper(), verified=True, primary=True)

    assert user.has_verified_email()


def test_it_does_not_count_an_old_verified_address_after_an_email_change(db):
    user = UserFactory()
    user.email = "new-address@example.com"
    user.save()

    assert not user.has_verified_email()


def test_it_shows_only_the_display_name_to_other_readers(db):
    user = UserFactory(email="private@example.com", display_name="Dana")

    assert str(user) == "Dana"
    assert user.public_name == "Dana"
    assert user.get_full_name() == "Dana"
    assert user.get_absolute_url() == reverse("stories:member", kwargs={"pk": user.pk})


def test_it_names_a_member_without_a_display_name_neutrally(db):
    user = UserFactory(display_name="")

    assert user.public_name == "A member"
    assert "@" not in user.public_name
