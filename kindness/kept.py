"""Markup and addresses that are the same for every request a process serves, made once.

Some parts of every page depend on nothing of the request but the URLs it is served under: an
argument-less {% url %} (kindness.templatetags.kept_url), the member menu with stand-ins for the
member (stories.holes). They are kept here per URL resolver (a replaced URLconf starts afresh)
and under the script prefix (SCRIPT_NAME or FORCE_SCRIPT_NAME, read per request) and the active
language, the other two things a reversed address can depend on.

Templates are read once per process with debug off; with debug on, an edited template clears
what is kept, as it clears Django's template cache (django.template.autoreload).
"""

import weakref
from collections.abc import Callable, Hashable

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_resolver, get_script_prefix, get_urlconf
from django.utils.autoreload import file_changed
from django.utils.translation import get_language

# Bounded all the same: a template can name its view through a variable.
KEPT_PER_RESOLVER = 1_000

_kept: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def once[T](key: Hashable, make: Callable[..., T], *args) -> T:
    """`make(*args)`, called once per process for this key and this request's URLconf, script
    prefix and language. What `make` returns must depend on nothing else of the request."""
    resolver = get_resolver(get_urlconf())
    kept = _kept.get(resolver)
    if kept is None:
        kept = _kept[resolver] = {}
    full_key = (key, get_script_prefix(), get_language())
    try:
        return kept[full_key]
    except KeyError:
        pass
    value = make(*args)
    if len(kept) >= KEPT_PER_RESOLVER:
        kept.clear()
    kept[full_key] = value
    return value


def forget() -> None:
    _kept.clear()


@receiver(setting_changed)
def _setting_changed(**kwargs) -> None:
    # Tests change TEMPLATES, STATIC_URL, ...: whatever was kept may depend on them.
    forget()


@receiver(file_changed)
def _file_changed(sender, file_path, **kwargs) -> None:
    if file_path.suffix != ".py":
        forget()
