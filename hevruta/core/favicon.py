from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.templatetags.static import static


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; send them to the site's icon."""
    response = HttpResponseRedirect(static("hevruta/favicon.svg"))
    response["Cache-Control"] = "max-age=86400"
    return response
