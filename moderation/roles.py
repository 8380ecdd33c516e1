"""The Moderators group: the permissions moderation needs, and how people join or leave it."""

from django.contrib.auth.models import Group, Permission

from stories.choices import MODERATE

MODERATORS = "Moderators"

# (app_label, codename) pairs. Staff status lets moderators use the admin tuned for them.
MODERATOR_PERMISSIONS = [
    ("stories", "moderate_story"),
    ("stories", "view_story"),
    ("stories", "view_storyrevision"),
    ("stories", "view_storyphoto"),
]


def ensure_group() -> Group:
    """The group with exactly its permissions (the migration creates it; tests that empty the
    database put it back with this)."""
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    group.permissions.set(
        [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in MODERATOR_PERMISSIONS
        ]
    )
    return group


def can_moderate(user) -> bool:
    """Whether to show this user the moderation link: staff holding the permission.

    make_moderator gives staff status with the group and remove_moderator takes both away, so
    a member who is not staff never moderates, and the common case (a reader) costs no query.
    The moderation views themselves still check the permission alone.
    """
    return bool(user.is_authenticated and user.is_staff and user.has_perm(MODERATE))


def make_moderator(user) -> None:
    user.groups.add(Group.objects.get(name=MODERATORS))
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


def remove_moderator(user) -> None:
    user.groups.remove(Group.objects.get(name=MODERATORS))
    if user.is_staff and not user.is_superuser:
        user.is_staff = False
        user.save(update_fields=["is_staff"])
