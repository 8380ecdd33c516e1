"""The one rule for naming kept markup (cards, practice cards, filter fields, member rows).

A key is a digest of everything the markup shows and of its template's source: a changed value is
a new key, so kept markup is never stale, and a deploy with a changed template never serves
markup in the old one.
"""

import functools
import hashlib

from django.template.loader import get_template


@functools.cache
def template_digest(name: str) -> str:
    source = get_template(name).template.source
    return hashlib.sha256(source.encode()).hexdigest()[:12]


def markup_key(prefix: str, template: str, shown) -> str:
    """The cache key of `template`'s markup of `shown` (any value whose repr says all it shows)."""
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:40]
    return f"{prefix}:{template_digest(template)}:{digest}"
