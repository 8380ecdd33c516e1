from django.http import HttpRequest

from kindness.essays import ESSAYS


def site(request: HttpRequest) -> dict:
    return {"source_essays": ESSAYS}
