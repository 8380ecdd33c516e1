"""For the tests of kept pages (kindness.kept_pages): served from its kept frame, a page must be
the page rendered whole."""

import re

import pytest
from django.http import HttpResponse

from kindness.kept_pages import KeptPage

_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def without_tokens(response) -> str:
    # Each render masks the token afresh; what a token is worth is tested beside the pages.
    return _TOKEN.sub('name="csrfmiddlewaretoken" value="…"', response.content.decode())


@pytest.fixture
def rendered_whole(monkeypatch):
    """Within the block, the kept pages render whole for each request, as before kept pages."""

    def whole(self, request, **values):
        return HttpResponse(self.render_fresh(request, **values))

    return lambda: monkeypatch.setattr(KeptPage, "response", whole)
