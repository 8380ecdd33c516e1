"""The second-factor pages, for the HTML checker: each fetched by whoever meets it."""

from collections.abc import Iterator

from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, ModeratorFactory, totp_code


def second_factor_pages() -> Iterator[tuple[str, object]]:
    newcomer = ModeratorFactory(enrolled=False)
    client = Client()
    client.post(reverse("account_login"), {"login": newcomer.email, "password": PASSWORD})
    yield "second factor enrolment (moderation)", client.get(reverse("moderation:queue"))
    yield "second factor enrolment (admin)", client.get(reverse("admin:index"))
    yield "second factor settings", client.get(reverse("mfa_index"))
    asked = client.get(reverse("mfa_activate_totp"))["Location"]
    yield "confirm password", client.get(asked)
    client.post(asked, {"password": PASSWORD})
    yield "activate authenticator app", client.get(reverse("mfa_activate_totp"))
    yield (
        "activate authenticator app with errors",
        client.post(reverse("mfa_activate_totp"), {"code": "000000"}),
    )
    yield "add passkey", client.get(reverse("mfa_add_webauthn"))
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    yield "recovery codes", client.get(reverse("mfa_view_recovery_codes"))
    yield "second factor settings when enrolled", client.get(reverse("mfa_index"))

    enrolled = ModeratorFactory()
    entrance = Client()
    entrance.post(reverse("account_login"), {"login": enrolled.email, "password": PASSWORD})
    yield "log in: second factor", entrance.get(reverse("mfa_authenticate"))
    yield (
        "log in: second factor with errors",
        entrance.post(reverse("mfa_authenticate"), {"code": "000000"}),
    )
