"""The site as emails name it: Flip the Counter at settings.SITE_URL, never the request's host.

A request may come in on any host the proxy lets through (an address, an old domain, a worker with
no request at all); a link in an email must still lead to the public address.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

SITE_NAME = "Flip the Counter"


@dataclass(frozen=True)
class PublicSite:
    """Stands in for django.contrib.sites' Site in allauth's email context (name, domain)."""

    name: str
    domain: str

    def __str__(self) -> str:
        return self.domain


def public_site() -> PublicSite:
    return PublicSite(name=SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


def public_url(location: str) -> str:
    """`location` (a path, or an absolute URL on any host) at the public address."""
    bits = urlsplit(location)
    path = bits.path or "/"
    query = f"?{bits.query}" if bits.query else ""
    fragment = f"#{bits.fragment}" if bits.fragment else ""
    return f"{settings.SITE_URL}{path}{query}{fragment}"
