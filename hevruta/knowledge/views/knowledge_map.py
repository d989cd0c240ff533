"""The map of practical knowledge, for the managers and curators of a network, and its CSV export."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hevruta.core.exports import to_csv
from hevruta.core.files import made_download

from ..queries.knowledge_map import knowledge_map, map_csv_rows, map_networks


def _scope(request: HttpRequest) -> tuple[list, list[int], str]:
    if not request.user.has_perm("knowledge.view_map"):
        raise PermissionDenied(_("The map is for the managers and curators of a network."))
    networks = list(map_networks(request.user))
    chosen = request.GET.get("network", "")
    scope = [network.pk for network in networks if network.slug == chosen] or [network.pk for network in networks]
    return networks, scope, chosen if len(scope) == 1 and chosen else ""


@login_required
def map_page(request: HttpRequest) -> HttpResponse:
    networks, scope, chosen = _scope(request)
    return render(
        request,
        "knowledge/map.html",
        {"networks": networks, "chosen": chosen, "map": knowledge_map(scope)},
    )


@login_required
def map_csv(request: HttpRequest) -> HttpResponse:
    _networks, scope, chosen = _scope(request)
    header, rows = map_csv_rows(knowledge_map(scope))
    filename = f"knowledge-map{'-' + chosen if chosen else ''}.csv"
    return made_download(to_csv(header, rows), "text/csv; charset=utf-8", filename)
