from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/about.html")


def guidelines(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/guidelines.html")
