"""The site's URLs plus a minimal page, served only by the benchmark as the framework's floor."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path

# The site's error pages too (the 503 while the database is away): Django reads them from the root
# URLconf only.
from kindness.urls import handler500  # noqa: F401


def hello(request: HttpRequest) -> HttpResponse:
    return render(request, "perf/hello.html", {"name": "reader"})


def hello_in_layout(request: HttpRequest) -> HttpResponse:
    return render(request, "perf/hello_layout.html", {"name": "reader"})


urlpatterns = [
    path("bench/hello/", hello, name="bench_hello"),
    path("bench/layout/", hello_in_layout, name="bench_layout"),
    path("", include("kindness.urls")),
]
