""" "Download my data": one JSON document of everything a member gave the site, in sections.

Each section is a function taking the member and returning plain JSON-ready data, named here by
its dotted path so accounts never imports the apps that hold the data (they import accounts).
"""

from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from kindness.public_site import SITE_NAME

# (key in the document, dotted path of the section's function), in the document's order.
SECTIONS: list[tuple[str, str]] = [
    ("profile", "accounts.export.profile_for_export"),
    ("stories", "moderation.export.stories_for_export"),
    ("thanks_given", "stories.export.thanks_for_export"),
    ("flags_raised", "moderation.export.flags_for_export"),
    ("pledges", "pledges.services.pledges_for_export"),
]
FORMAT_VERSION = 1


def iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def member_data(*, user, sections: list[tuple[str, str]] | None = None) -> dict:
    document = {
        "about": f"Your data on {SITE_NAME} ({settings.SITE_URL}), as of the time below.",
        "format_version": FORMAT_VERSION,
        "exported_at": iso(timezone.now()),
    }
    for key, path in sections if sections is not None else SECTIONS:
        section: Callable = import_string(path)
        document[key] = section(user)
    return document


def profile_for_export(user) -> dict:
    addresses = EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    return {
        "display_name": user.display_name,
        "email": user.email,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in addresses
        ],
        "joined_at": iso(user.date_joined),
        "last_login_at": iso(user.last_login),
        "email_choices": {
            "pledge_reminders": user.pledge_reminders,
            "thanks_digest": user.thanks_digest,
        },
    }
