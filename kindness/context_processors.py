from django.core.cache import caches
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString, mark_safe

from kindness import kept
from stories.models import SourceEssay

# The footer on every page credits the essays, which change about never: one small query at most
# every ten minutes per process. An edit in the admin reaches the footer within that time.
ESSAYS_CACHE_KEY = "site:source-essays"
ESSAYS_CACHE_SECONDS = 600
ESSAY_FIELDS = ("title", "author", "site", "url")
# The cache holds the essays' values (strings); each process keeps the essays it built from them:
# unpickling model instances at every read cost a page a tenth of its layout.
_ESSAYS: dict[tuple, list[SourceEssay]] = {}
_ESSAYS_KEPT = 8


def _read_essays() -> tuple[tuple[str, ...], ...]:
    return tuple(SourceEssay.objects.values_list(*ESSAY_FIELDS))


def _essay_values() -> tuple[tuple[str, ...], ...]:
    return caches["pages"].get_or_set(ESSAYS_CACHE_KEY, _read_essays, ESSAYS_CACHE_SECONDS)


def source_essays() -> list[SourceEssay]:
    """The essays the footer and the about page credit (their ESSAY_FIELDS only)."""
    values = _essay_values()
    essays = _ESSAYS.get(values)
    if essays is None:
        if len(_ESSAYS) >= _ESSAYS_KEPT:
            _ESSAYS.clear()
        essays = _ESSAYS[values] = _essays(values)
    return essays


def _essays(values: tuple) -> list[SourceEssay]:
    return [SourceEssay(**dict(zip(ESSAY_FIELDS, row, strict=True))) for row in values]


def _render_footer(values: tuple) -> SafeString:
    context = {"source_essays": _essays(values)}
    return mark_safe(render_to_string("includes/_site_footer.html", context))


def site_footer() -> SafeString:
    """The footer, the same on every page: rendered once per process for each set of essays
    (and each script prefix its links are under: kindness.kept), since its links and credits
    cost a page more to render than the rest of the layout."""
    values = _essay_values()
    return kept.once(("site_footer", values), _render_footer, values)


def site(request: HttpRequest) -> dict:
    # Fetched at most once a request, and only by a page that shows them.
    return {
        "source_essays": SimpleLazyObject(source_essays),
        "site_footer": SimpleLazyObject(site_footer),
    }
