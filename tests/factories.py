import io

import factory
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from accounts.models import User
from stories.models import Practice, Story

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.com")
    display_name = factory.Sequence(lambda n: f"Member {n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """Members have a verified address unless built with verified=False."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class StoryFactory(factory.django.DjangoModelFactory):
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
