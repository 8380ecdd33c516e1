"""Demo members and stories for a development site. Safe to run any number of times.

The stories are files, one a story, in kindness/demo/stories/ (read by kindness.demo.loader).
"""

import io
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.models import User
from accounts.names import reserved_name
from kindness.demo.loader import load_stories
from moderation.roles import make_moderator
from stories.lifecycle import StoryContent, save_draft
from stories.models import Practice, Story, StoryPhoto, StoryStatus

DEMO_PASSWORD = "flip-the-counter-demo"
# Moderators work behind a second factor, so the demo moderator has an authenticator app whose
# secret is public (the README and seed_demo print it). Demo data only, like the password.
DEMO_TOTP_SECRET = "DEMOMODERATORTOTPSECRETFLIPCOUNT"
DEMO_TOTP_URI = (
    "otpauth://totp/Flip%20the%20Counter:moderator%40example.com"
    f"?secret={DEMO_TOTP_SECRET}&issuer=Flip%20the%20Counter"
)


@dataclass(frozen=True)
class DemoMember:
    handle: str
    email: str
    display_name: str
    moderator: bool = False


DEMO_MEMBERS = [
    # Plain "Mo": a name like "Mo (moderator)" is refused to members (accounts.names), so the demo
    # moderator does not wear one either; the site marks moderators itself.
    DemoMember("demo-moderator", "moderator@example.com", "Mo", moderator=True),
    DemoMember("demo-member", "member@example.com", "Sam"),
    DemoMember("demo-member-2", "priya@example.com", "Priya"),
    DemoMember("demo-member-3", "jordan@example.com", "Jordan"),
]

PHOTO_COLOURS = {
    "warm": ((250, 196, 120), (176, 76, 34)),
    "cool": ((168, 208, 230), (40, 80, 140)),
    "green": ((190, 226, 170), (46, 110, 60)),
    "sunset": ((255, 170, 120), (110, 50, 120)),
}


def scene_photo(scene: str) -> SimpleUploadedFile:
    """A gradient picture with a simple counter shape, made by Pillow, for stories with a photo."""
    top, bottom = PHOTO_COLOURS.get(scene, PHOTO_COLOURS["warm"])
    width, height = 1200, 800
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        mix = y / height
        colour = tuple(int(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    draw.rectangle([0, 560, width, 800], fill=(60, 45, 35))
    draw.ellipse([520, 380, 680, 560], fill=(245, 240, 230))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return SimpleUploadedFile(f"{scene}.jpg", buffer.getvalue(), content_type="image/jpeg")


def ensure_member(member: DemoMember, log) -> User:
    user = User.objects.filter(email=member.email).first()
    if user:
        log(f"exists  member {member.email}")
        if reserved_name(user.display_name):
            # Seeded before names posing as staff were refused ("Mo (moderator)").
            user.display_name = member.display_name
            user.save(update_fields=["display_name"])
            log(f"renamed member {member.email} to {member.display_name}")
    else:
        user = User.objects.create_user(
            member.email, DEMO_PASSWORD, display_name=member.display_name
        )
        log(f"created member {member.email}")
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if member.moderator:
        make_moderator(user)
        ensure_second_factor(user, log)
    return user


def ensure_second_factor(user: User, log) -> None:
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        log(f"exists  second factor of {user.email}")
        return
    TOTP.activate(user, DEMO_TOTP_SECRET)
    log(f"created second factor of {user.email}")


def ensure_story(data: dict, author: User, age_days: int, log) -> None:
    if Story.objects.filter(author=author, title=data["title"], is_demo=True).exists():
        log(f"exists  story  {data['title']}")
        return
    with transaction.atomic():
        photo = None
        if data["photo"]:
            photo = StoryPhoto.objects.create_from_upload(
                owner=author, upload=scene_photo(data["photo"])
            )
        content = StoryContent(
            title=data["title"],
            body=data["body"],
            perspective=data["perspective"],
            setting=data["setting"],
            practices=list(Practice.objects.filter(slug__in=data["practices"])),
            tags=list(data["tags"]),
            photo=photo,
            photo_alt=data["photo_alt"],
            is_anonymous=data["anonymous"],
        )
        # Written as any member's story is, then dated back and put in its demo status: the
        # demo spreads weeks of stories over the past, which the daily limit would refuse.
        story = save_draft(author=author, content=content).story
        now = timezone.now() - timedelta(days=age_days, hours=age_days % 7)
        Story.objects.filter(pk=story.pk).update(
            is_demo=True,
            status=data["status"],
            created_at=now - timedelta(hours=3),
            submitted_at=now - timedelta(hours=2),
            first_submitted_at=now - timedelta(hours=2),
            published_at=now if data["status"] == StoryStatus.PUBLISHED else None,
        )
    log(f"created story  {data['title']}")


def demo_stories() -> list[dict]:
    """The story files, checked against the demo's members, the practices and the photo scenes."""
    return load_stories(
        authors={member.handle for member in DEMO_MEMBERS},
        practices=set(Practice.objects.values_list("slug", flat=True)),
        photo_scenes=set(PHOTO_COLOURS),
    )


def seed(log=print) -> list[DemoMember]:
    stories = demo_stories()  # every file checked before anything is written
    users = {member.handle: ensure_member(member, log) for member in DEMO_MEMBERS}
    for age, data in enumerate(stories):
        ensure_story(data, users[data["author"]], age_days=age, log=log)
    return DEMO_MEMBERS
