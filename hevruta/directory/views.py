"""Directory pages: parse the request, check permission, call a query or a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hevruta.core.exports import to_csv, to_xlsx
from hevruta.core.jobs import services as jobs
from hevruta.core.jobs.queries import latest_job_of
from hevruta.core.jobs.services import JobRefused
from hevruta.core.pagecache import cached_for_visitors
from hevruta.core.pagination import paginate

from . import queries, services
from .apps import VISITOR_PAGES
from .forms import PeopleFilterForm, PrivacyForm, ProfileForm, RosterUploadForm
from .models import District, Locality, Network, Organization, OrganizationKind, Person, RosterImport
from .roster import RosterError


@cached_for_visitors(VISITOR_PAGES)
def people(request: HttpRequest) -> HttpResponse:
    form = PeopleFilterForm(request.GET or None, networks=queries.networks_visible_to(request.user))
    if not form.is_bound:
        found = queries.search_people(request.user, queries.PeopleFilter())
    elif form.is_valid():
        found = queries.search_people(request.user, queries.PeopleFilter.from_params(form.cleaned_data))
    else:
        # A filter that cannot be applied (say, a network one may not see) must not widen the results.
        found = Person.objects.none()
    page = paginate(found, request.GET.get("page"))
    template = "directory/_people_results.html" if request.headers.get("HX-Request") else "directory/people.html"
    return render(request, template, {"form": form, "page": page, "query_string": _query_without_page(request)})


def _query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@cached_for_visitors(VISITOR_PAGES)
def person(request: HttpRequest, pk: int) -> HttpResponse:
    found = queries.profile(request.user, pk)
    if found is None:
        raise Http404(_("No such person, or the profile is not shown to you."))
    viewer = queries.viewer_for(request.user)
    network_ids = queries.network_ids_by_person([found.pk])[found.pk]
    return render(
        request,
        "directory/person.html",
        {
            "person": found,
            "contact": queries.visible_contact(viewer, found, network_ids),
            "networks": queries.networks_of(request.user, found),
            "is_me": viewer.person_id == found.pk,
        },
    )


@login_required
def my_profile(request: HttpRequest) -> HttpResponse:
    me = services.ensure_person_for_user(request.user)
    profile_form = ProfileForm(request.POST or None, instance=me, prefix="profile")
    privacy_form = PrivacyForm(request.POST or None, instance=me, prefix="privacy")
    if request.method == "POST" and profile_form.is_valid() and privacy_form.is_valid():
        fields = {**profile_form.cleaned_data, **privacy_form.cleaned_data}
        relations = {
            name: fields.pop(name) for name in ("subjects", "grade_bands", "languages", "strengths", "areas_to_develop")
        }
        services.update_profile(me, fields, relations)
        messages.success(request, _("Your profile was saved."))
        return redirect("directory:person", pk=me.pk)
    return render(request, "directory/my_profile.html", {"profile_form": profile_form, "privacy_form": privacy_form})


@cached_for_visitors(VISITOR_PAGES)
def organizations(request: HttpRequest) -> HttpResponse:
    found = queries.search_organizations(
        request.user,
        query=request.GET.get("q", "")[:200],
        kind=request.GET.get("kind", ""),
        district=request.GET.get("district", ""),
    )
    page = paginate(found, request.GET.get("page"))
    return render(
        request,
        "directory/organizations.html",
        {
            "page": page,
            "kinds": OrganizationKind.choices,
            "districts": District.choices,
            "query_string": _query_without_page(request),
        },
    )


@cached_for_visitors(VISITOR_PAGES)
def organization(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(
        queries.organizations_visible_to(request.user).select_related("locality", "parent"), pk=pk
    )
    return render(
        request,
        "directory/organization.html",
        {
            "organization": found,
            "networks": queries.networks_visible_to(request.user).filter(organizations=found),
            "people": paginate(queries.people_at(request.user, found), request.GET.get("page")),
        },
    )


@cached_for_visitors(VISITOR_PAGES)
def localities(request: HttpRequest) -> HttpResponse:
    page = paginate(
        queries.search_localities(request.GET.get("q", "")[:100], request.GET.get("district", "")),
        request.GET.get("page"),
    )
    return render(
        request,
        "directory/localities.html",
        {"page": page, "districts": District.choices, "query_string": _query_without_page(request)},
    )


@cached_for_visitors(VISITOR_PAGES)
def locality(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Locality, pk=pk)
    return render(
        request,
        "directory/locality.html",
        {"locality": found, "organizations": Organization.objects.filter(locality=found).order_by("name")[:200]},
    )


@cached_for_visitors(VISITOR_PAGES)
def networks(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/networks.html", {"networks": queries.network_list(request.user)})


def _visible_network(request: HttpRequest, slug: str) -> Network:
    found = queries.network_by_slug(slug)
    if found is None or not request.user.has_perm("directory.view_network", found):
        raise Http404(_("No such network, or it is open to its members only."))
    return found


@cached_for_visitors(VISITOR_PAGES)
def network(request: HttpRequest, slug: str) -> HttpResponse:
    found = _visible_network(request, slug)
    return render(
        request,
        "directory/network.html",
        {
            "network": found,
            "organizations": found.organizations.select_related("locality").order_by("name"),
            "members": paginate(queries.network_members(request.user, found), request.GET.get("page")),
            "is_manager": request.user.has_perm("directory.manage_network", found),
            "imports": found.roster_imports.all()[:5],
        },
    )


def _managed_network(request: HttpRequest, slug: str) -> Network:
    # 404 first: a members-only network's existence is not told to those who may not see it.
    found = _visible_network(request, slug)
    if not request.user.has_perm("directory.manage_network", found):
        raise PermissionDenied(_("Only the network's managers may do this."))
    return found


@login_required
def network_export(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    found = _managed_network(request, slug)
    header, rows = queries.member_export_rows(request.user, found)
    if file_format == "xlsx":
        content = to_xlsx(header, rows, title=found.slug)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content, content_type = to_csv(header, rows), "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{found.slug}-members.{file_format}"'
    return response


@login_required
def roster_upload(request: HttpRequest, slug: str) -> HttpResponse:
    """Only looks at the file (its kind and bounds) and keeps it; a worker checks every row."""
    found = _managed_network(request, slug)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            roster_import, _job = services.upload_roster(found, request.user, upload.name, upload.read())
        except RosterError as error:
            form.add_error("file", str(error))
        else:
            return redirect("directory:roster_import", slug=found.slug, pk=roster_import.pk)
    return render(request, "directory/roster_upload.html", {"network": found, "form": form})


@login_required
def roster_import(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = _managed_network(request, slug)
    roster_import = get_object_or_404(RosterImport, network=found, pk=pk)
    job = latest_job_of(roster_import)
    if job is not None:
        job = jobs.recover(job)  # a job whose worker died does not stay "running" on this page
        roster_import.refresh_from_db()
    done, total = jobs.live_progress(job) if job else (0, 0)
    template = (
        "directory/_roster_progress.html" if request.headers.get("HX-Request") else "directory/roster_import.html"
    )
    return render(
        request,
        template,
        {
            "network": found,
            "roster_import": roster_import,
            "job": job,
            "done": done,
            "total": total,
            "stage": jobs.live_stage(job) if job else "",
        },
    )


def _roster_action(request: HttpRequest, slug: str, pk: int, action) -> HttpResponse:  # type: ignore[no-untyped-def]
    found = _managed_network(request, slug)
    roster_import = get_object_or_404(RosterImport, network=found, pk=pk)
    try:
        action(roster_import)
    except (RosterError, JobRefused) as error:
        messages.error(request, str(error))
    return redirect("directory:roster_import", slug=found.slug, pk=roster_import.pk)


@login_required
@require_POST
def roster_confirm(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _roster_action(request, slug, pk, lambda found: services.confirm_roster(found, request.user))


@login_required
@require_POST
def roster_retry(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _roster_action(request, slug, pk, services.retry_roster_import)


@login_required
@require_POST
def roster_discard(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _roster_action(request, slug, pk, services.discard_roster)
