from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hevruta.directory.queries import home_summary


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", home_summary(request.user))


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers: the process answers; nothing else is touched."""
    return HttpResponse("ok", content_type="text/plain")
