from allauth.account.models import EmailAddress
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


def public_name(display_name: str | None) -> str:
    """How the site names a member: their display name, or "A member" when they gave none."""
    return display_name or "A member"


class User(AbstractUser):
    """A member. Signs in with email; shows only `display_name` to other people."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(
        max_length=40,
        help_text="The name other readers see on your stories. A first name or nickname is best.",
    )
    pledge_reminders = models.BooleanField(
        "Email me to ask how a practice I pledged to try went",
        default=True,
        help_text="One email a few days after you press “I'll try this” on a practice.",
    )

    thanks_digest = models.BooleanField(
        "weekly thanks email",
        default=True,
        help_text="Once a week at most, an email listing the thanks your stories received.",
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_absolute_url(self) -> str:
        return reverse("stories:member", kwargs={"pk": self.pk})

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    @property
    def public_name(self) -> str:
        return public_name(self.display_name)

    def has_verified_email(self) -> bool:
        """Only members who proved they own their address may submit stories."""
        return EmailAddress.objects.filter(
            user=self, email__iexact=self.email, verified=True
        ).exists()
