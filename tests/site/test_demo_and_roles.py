"""The demo content command, the Moderators group and the `moderator` command."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from kindness.demo import DEMO_MEMBERS, DEMO_PASSWORD, demo_stories
from moderation.roles import MODERATOR_PERMISSIONS, MODERATORS
from stories.models import Story, StoryPhoto
from tests.factories import UserFactory

MODERATE = "stories.moderate_story"


def seed_demo() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "stories": Story.objects.count(),
        "photos": StoryPhoto.objects.count(),
    }


def fresh(user: User) -> User:
    """Reload a user, dropping Django's cached permissions."""
    return User.objects.get(pk=user.pk)


@pytest.fixture
def seeded(db) -> str:
    return seed_demo()


def test_it_seeds_a_demo_moderator_who_can_moderate(seeded):
    moderator = User.objects.get(email="moderator@example.com")

    assert moderator.is_staff
    assert moderator.groups.filter(name=MODERATORS).exists()
    assert moderator.has_perm(MODERATE)
    assert moderator.has_verified_email()


def test_it_seeds_verified_members_who_cannot_moderate(seeded):
    for member in DEMO_MEMBERS:
        user = User.objects.get(email=member.email)
        assert user.display_name == member.display_name
        assert user.has_verified_email()
        assert user.has_perm(MODERATE) is member.moderator


def test_it_lets_a_demo_member_log_in_with_the_documented_password(seeded):
    client = Client()

    response = client.post(
        reverse("account_login"), {"login": "member@example.com", "password": DEMO_PASSWORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email="member@example.com").pk)
    assert "flip-the-counter-demo" in seeded


def test_it_seeds_demo_stories_mostly_published_some_with_photos(seeded):
    demo = Story.objects.filter(is_demo=True)

    assert demo.count() == len(demo_stories()) == 45
    published = demo.filter(status=Story.Status.PUBLISHED).count()
    submitted = demo.filter(status=Story.Status.SUBMITTED).count()
    assert submitted > 0
    assert published > submitted
    assert published + submitted == demo.count()
    assert not demo.filter(status=Story.Status.PUBLISHED, published_at__isnull=True).exists()
    with_photos = demo.exclude(photo=None).select_related("photo")
    assert with_photos.exists()
    for story in with_photos:
        assert story.photo_alt
        storage = story.photo.image.storage
        assert storage.exists(story.photo.image.name)
        assert storage.exists(story.photo.thumbnail.name)


def test_it_files_each_demo_photo_under_its_own_key(seeded):
    photos = StoryPhoto.objects.all()

    assert photos.exists()
    for photo in photos:
        assert photo.image.name.startswith(f"photos/{photo.key}/"), photo.image.name
        assert photo.thumbnail.name.startswith(f"photos/{photo.key}/"), photo.thumbnail.name


def test_it_creates_nothing_new_when_seeded_twice(seeded):
    before = counts()

    second_run = seed_demo()

    assert counts() == before
    assert "exists  member moderator@example.com" in second_run
    assert "exists  story" in second_run
    assert "created" not in second_run


def test_it_gives_the_moderators_group_exactly_the_listed_permissions(db):
    group = Group.objects.get(name=MODERATORS)

    granted = set(group.permissions.values_list("content_type__app_label", "codename"))

    assert granted == set(MODERATOR_PERMISSIONS)


def test_it_makes_a_member_a_moderator(db):
    member = UserFactory(email="dana@example.com")
    assert not member.has_perm(MODERATE)
    out = StringIO()

    call_command("moderator", "add", "Dana@Example.com", stdout=out)

    member = fresh(member)
    assert member.groups.filter(name=MODERATORS).exists()
    assert member.is_staff
    assert member.has_perm(MODERATE)
    assert "dana@example.com is now a moderator." in out.getvalue()


def test_it_takes_a_moderator_out_of_the_group(moderator):
    out = StringIO()

    call_command("moderator", "remove", moderator.email, stdout=out)

    moderator = fresh(moderator)
    assert not moderator.groups.filter(name=MODERATORS).exists()
    assert not moderator.is_staff
    assert not moderator.has_perm(MODERATE)
    assert "is no longer a moderator." in out.getvalue()


def test_it_leaves_a_superuser_staff_when_removing_the_moderator_role(db):
    admin = User.objects.create_superuser("root@example.com", "a-long-password-1", display_name="R")
    call_command("moderator", "add", admin.email, stdout=StringIO())

    call_command("moderator", "remove", admin.email, stdout=StringIO())

    admin = fresh(admin)
    assert admin.is_staff
    assert not admin.groups.filter(name=MODERATORS).exists()


@pytest.mark.parametrize("action", ["add", "remove"])
def test_it_names_an_unknown_email_clearly(db, action):
    with pytest.raises(CommandError, match="No member has the email address nobody@example.com."):
        call_command("moderator", action, "nobody@example.com", stdout=StringIO())

    assert not Group.objects.get(name=MODERATORS).user_set.exists()
