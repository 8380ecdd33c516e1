import io
import time
from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from accounts.models import User
from moderation.models import Action, Decision, Flag, FlagReason
from moderation.roles import make_moderator
from stories.choices import StoryStatus
from stories.models import Practice, Story, StoryPhoto, StoryRevision

PASSWORD = "a-long-test-password-42"
# Every enrolled test moderator's authenticator app holds this secret (base32, as allauth makes).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.com")
    display_name = factory.Sequence(lambda n: f"Member {n}")
    password = factory.django.Password(PASSWORD)
    # Members of some standing (old enough to flag); pass date_joined for a brand-new account.
    date_joined = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """Members have a verified address unless built with verified=False."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class ModeratorFactory(UserFactory):
    """A member of the Moderators group, with the staff status that lets them into the admin.

    Moderators work behind a second factor: each has an authenticator app holding TOTP_SECRET,
    unless built with enrolled=False (then the moderation pages only ask them to enrol).
    """

    display_name = factory.Sequence(lambda n: f"Moderator {n}")
    is_staff = True

    @factory.post_generation
    def moderates(user, create, extracted, **kwargs):
        if create:
            make_moderator(user)

    @factory.post_generation
    def enrolled(user, create, extracted, **kwargs):
        if create and extracted is not False:
            enrol_second_factor(user)


def enrol_second_factor(user) -> None:
    """Give the user an authenticator app holding TOTP_SECRET, as staff must have."""
    TOTP.activate(user, TOTP_SECRET)


def totp_code(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app holding this secret shows now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


class StoryFactory(factory.django.DjangoModelFactory):
    """A published story; StoryFactory(with_photo=True) adds a photo its author uploaded."""

    class Meta:
        model = Story
        skip_postgeneration_save = True

    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"The cashier who smiled back, part {n}")
    body = "I asked how her day was going.\n\nShe said nobody had asked all week."
    perspective = Story.Perspective.CUSTOMER
    setting = Story.Setting.GROCERY
    status = Story.Status.PUBLISHED
    submitted_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyAttribute(
        lambda story: timezone.now() if story.status == Story.Status.PUBLISHED else None
    )

    class Params:
        with_photo = factory.Trait(
            photo=factory.SubFactory(
                "tests.factories.StoryPhotoFactory", owner=factory.SelfAttribute("..author")
            ),
            photo_alt="A paper cup on a counter",
        )

    @factory.post_generation
    def practices(story, create, extracted, **kwargs):
        """Practice slugs or objects; defaults to the first practice of the taxonomy."""
        if not create:
            return
        chosen = extracted if extracted is not None else ["ask-how-are-you"]
        story.practices.set(
            [p if isinstance(p, Practice) else Practice.objects.get(slug=p) for p in chosen]
        )

    @factory.post_generation
    def tags(story, create, extracted, **kwargs):
        if create and extracted:
            story.tags.set(list(extracted))


def image_upload(
    name: str = "photo.jpg",
    *,
    size: tuple[int, int] = (800, 600),
    image_format: str = "JPEG",
    exif: bytes | None = None,
    colour: tuple[int, int, int] = (200, 120, 60),
) -> SimpleUploadedFile:
    """A real image file made by Pillow, as a browser would upload it."""
    buffer = io.BytesIO()
    image = Image.new("RGB", size, colour)
    options = {"exif": exif} if exif else {}
    image.save(buffer, format=image_format, **options)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[image_format]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


class StoryPhotoFactory(factory.django.DjangoModelFactory):
    """A photo stored as the share form stores it: re-encoded, resized, with a thumbnail.

    StoryPhotoFactory(owner=author, upload=image_upload(size=(64, 48))) picks the uploaded file.
    """

    class Meta:
        model = StoryPhoto

    owner = factory.SubFactory(UserFactory)
    upload = factory.LazyFunction(image_upload)

    @classmethod
    def _create(cls, model_class, *args, owner, upload, **kwargs):
        photo = model_class.objects.create_from_upload(owner=owner, upload=upload)
        if kwargs:  # e.g. created_at, to age an upload
            model_class.objects.filter(pk=photo.pk).update(**kwargs)
            photo.refresh_from_db()
        return photo


class StoryRevisionFactory(factory.django.DjangoModelFactory):
    """A pending edit of a published story; what the test does not say is copied from the story."""

    class Meta:
        model = StoryRevision

    story = factory.SubFactory(StoryFactory)
    title = factory.LazyAttribute(lambda edit: f"{edit.story.title}, edited")
    body = factory.LazyAttribute(lambda edit: edit.story.body)
    perspective = factory.LazyAttribute(lambda edit: edit.story.perspective)
    setting = factory.LazyAttribute(lambda edit: edit.story.setting)
    practice_slugs = factory.LazyAttribute(
        lambda edit: sorted(edit.story.practices.values_list("slug", flat=True))
    )
    tag_names = factory.LazyAttribute(lambda edit: sorted(edit.story.tags.names()))
    photo = factory.LazyAttribute(lambda edit: edit.story.photo)
    photo_alt = factory.LazyAttribute(lambda edit: edit.story.photo_alt)
    is_anonymous = factory.LazyAttribute(lambda edit: edit.story.is_anonymous)


class FlagFactory(factory.django.DjangoModelFactory):
    """An open flag on a published story, stored directly: the hiding threshold is not applied."""

    class Meta:
        model = Flag

    story = factory.SubFactory(StoryFactory)
    member = factory.SubFactory(UserFactory)
    reason = FlagReason.SPAM


class DecisionFactory(factory.django.DjangoModelFactory):
    """A history row written as if long ago; real decisions come from moderation.decisions."""

    class Meta:
        model = Decision

    story = factory.SubFactory(StoryFactory)
    story_title = factory.LazyAttribute(lambda d: d.story.title if d.story else "A deleted story")
    moderator = factory.SubFactory(ModeratorFactory)
    action = Action.APPROVE
    from_status = StoryStatus.SUBMITTED
    to_status = StoryStatus.PUBLISHED
