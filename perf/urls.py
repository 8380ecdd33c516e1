"""The site's URLs plus a minimal page, served only by the benchmark as the framework's floor."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import include, path


def hello(request: HttpRequest) -> HttpResponse:
    return render(request, "perf/hello.html", {"name": "reader"})


urlpatterns = [
    path("bench/hello/", hello, name="bench_hello"),
    path("", include("kindness.urls")),
]
