"""Who the benchmark signs in as: a member with stories, and a moderator with a second factor.

Also the open flags the flagged queue shows: one flag on one published story in a thousand,
below the count that hides a story, so every flagged story stays published and listed.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.db.models.functions import Mod
from django.test import Client
from django.utils import timezone

from accounts.models import User
from moderation.models import Flag, FlagReason
from stories.models import Story

MEMBER_EMAIL = "member1@bench.example"
MODERATOR_EMAIL = "moderator@bench.example"
# Any base32 secret: the benchmark never types a code, it only needs the factor enrolled.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
FLAGGED_EVERY = 1_000


def member() -> User:
    """A member with about ten published stories (seed.py gives member i every i-th story)."""
    person = User.objects.get(email=MEMBER_EMAIL)
    EmailAddress.objects.get_or_create(
        user=person, email=person.email, defaults={"verified": True, "primary": True}
    )
    return person


def moderator() -> User:
    person, _ = User.objects.get_or_create(
        email=MODERATOR_EMAIL, defaults={"display_name": "Bench moderator", "is_staff": True}
    )
    person.groups.add(Group.objects.get(name="Moderators"))
    if not Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(person, TOTP_SECRET)
    return person


def flag_some_stories() -> int:
    """Open one flag on every FLAGGED_EVERY-th published story, raised by another member."""
    stories = list(
        Story.objects.published()
        .alias(spread=Mod("id", FLAGGED_EVERY))
        .filter(spread=0)
        .values_list("pk", "author_id")
    )
    flaggers = list(User.objects.filter(email__endswith="@bench.example").values_list("pk")[:50])
    now = timezone.now()
    flags = []
    for index, (story_id, author_id) in enumerate(stories):
        flagger = next(
            pk for (pk,) in flaggers[index % len(flaggers) :] + flaggers if pk != author_id
        )
        flags.append(
            Flag(story_id=story_id, member_id=flagger, reason=FlagReason.SPAM, created_at=now)
        )
    Flag.objects.bulk_create(flags, ignore_conflicts=True)
    return len(flags)


def keep_some_stories_flagged() -> None:
    """Open the flags again when a run (or a test on this database) resolved them all: the
    flagged queue and the flag review page must have something to show."""
    if not Flag.objects.open().exists():
        flag_some_stories()


def signed_in(user: User) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def session_cookie(client: Client) -> str:
    """The Cookie header a load tool sends to be that client (sessions live in the database)."""
    return "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
