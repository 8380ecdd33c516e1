import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/about.html")


def guidelines(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/guidelines.html")


def server_error(request: HttpRequest) -> HttpResponse:
    """A 500 page, or a 503 with Retry-After when the database cannot be reached.

    Rendered without the request's context processors: they may need the database that failed.
    """
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)
