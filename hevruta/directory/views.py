"""Directory pages: parse the request, check permission, call a query or a service, render."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hevruta.core.exports import table_download
from hevruta.core.jobs import services as jobs
from hevruta.core.jobs.queries import latest_job_of
from hevruta.core.jobs.services import JobRefused
from hevruta.core.pagecache import cached_for_visitors
from hevruta.core.pagination import paginate

from . import queries, services
from .apps import VISITOR_PAGES
from .forms import (
    InvitationForm,
    JoinPolicyForm,
    JoinRequestForm,
    PeopleFilterForm,
    PrivacyForm,
    ProfileForm,
    RosterUploadForm,
)
from .models import (
    District,
    Invitation,
    JoinPolicy,
    JoinRequest,
    Locality,
    Network,
    Organization,
    OrganizationKind,
    Person,
    RosterImport,
)
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
    # Consultations build on the directory; its endorsements are read here only, through its own queries.
    from hevruta.consultations.queries import endorsed_strengths

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
            "invite_to": queries.networks_to_invite_to(request.user, found, network_ids),
            "endorsed": endorsed_strengths(found.pk),
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
            "totals": queries.network_totals(request.user, found),
            "is_manager": request.user.has_perm("directory.manage_network", found),
            "imports": found.roster_imports.all()[:5],
            "join": queries.join_state(request.user, found),
            "join_form": JoinRequestForm(),
        },
    )


def _managed_network(request: HttpRequest, slug: str) -> Network:
    # 404 first: a members-only network's existence is not told to those who may not see it.
    found = _visible_network(request, slug)
    if not request.user.has_perm("directory.manage_network", found):
        raise PermissionDenied(_("Only the network's managers may do this."))
    return found


# Joining ------------------------------------------------------------------------------------------


def _apply(request: HttpRequest, action: Callable[[], object], success: str) -> bool:
    """Runs a joining service; its refusal becomes a message on the page instead of an error page."""
    try:
        action()
    except services.JoiningError as refusal:
        messages.error(request, " ".join(refusal.messages))
        return False
    messages.success(request, success)
    return True


@login_required
@require_POST
def join_network(request: HttpRequest, slug: str) -> HttpResponse:
    found = _visible_network(request, slug)
    person = services.ensure_person_for_user(request.user)
    if found.join_policy == JoinPolicy.ON_REQUEST:
        form = JoinRequestForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(str(error) for error in form.errors.get("message", [])))
        else:
            _apply(
                request,
                lambda: services.ask_to_join(found, person, form.cleaned_data["message"]),
                _("Your request was sent to the network's managers. You will be told their answer."),
            )
    else:
        _apply(request, lambda: services.join_open_network(found, person), _("Welcome! You are now a member."))
    return redirect("directory:network", slug=found.slug)


@login_required
@require_POST
def leave_network(request: HttpRequest, slug: str) -> HttpResponse:
    found = _visible_network(request, slug)
    person = services.ensure_person_for_user(request.user)
    left = _apply(request, lambda: services.leave_network(found, person), _("You left the network."))
    if left and not found.is_public:
        # A members-only network's page is closed to those who left it.
        return redirect("directory:networks")
    return redirect("directory:network", slug=found.slug)


@login_required
@require_POST
def withdraw_join_request(request: HttpRequest, pk: int) -> HttpResponse:
    join_request = get_object_or_404(JoinRequest.objects.select_related("network"), pk=pk)
    if not request.user.has_perm("directory.withdraw_join_request", join_request):
        raise Http404(_("No such request."))
    _apply(request, lambda: services.withdraw_join_request(join_request), _("Your request was withdrawn."))
    return redirect("directory:network", slug=join_request.network.slug)


@login_required
def network_joining(request: HttpRequest, slug: str) -> HttpResponse:
    """The managers' page: who may join, the requests waiting, invitations sent, and a new invitation."""
    found = _managed_network(request, slug)
    policy_form = JoinPolicyForm(initial={"join_policy": found.join_policy}, prefix="policy")
    invitation_form = InvitationForm(initial={"person": request.GET.get("invite-person")}, prefix="invite")
    if request.method == "POST" and "policy-join_policy" in request.POST:
        policy_form = JoinPolicyForm(request.POST, prefix="policy")
        if policy_form.is_valid():
            services.set_join_policy(found, policy_form.cleaned_data["join_policy"])
            messages.success(request, _("Saved: who may join."))
            return redirect("directory:network_joining", slug=found.slug)
    elif request.method == "POST":
        invitation_form = InvitationForm(request.POST, prefix="invite")
        if invitation_form.is_valid() and _invite_from_form(request, found, invitation_form):
            return redirect("directory:network_joining", slug=found.slug)
    invited_person = _invitable_person(request, invitation_form)
    return render(
        request,
        "directory/network_joining.html",
        {
            "network": found,
            "policy_form": policy_form,
            "invitation_form": invitation_form,
            "invited_person": invited_person,
            "join_requests": queries.pending_join_requests(found),
            "invitations": paginate(queries.network_invitations(found), request.GET.get("page")),
        },
    )


def _invitable_person(request: HttpRequest, form: InvitationForm) -> Person | None:
    """The person chosen from the directory, if the manager may see them."""
    raw = form["person"].value()
    if not raw or not str(raw).isdigit() or int(raw) > 2**31 - 1:
        return None
    return queries.profile(request.user, int(raw))


def _invite_from_form(request: HttpRequest, network: Network, form: InvitationForm) -> bool:
    person = None
    if form.cleaned_data.get("person"):
        person = queries.profile(request.user, form.cleaned_data["person"])
        if person is None:
            form.add_error(None, _("No such person, or the profile is not shown to you."))
            return False
    try:
        invitation = services.invite(
            network,
            request.user,
            email=form.cleaned_data.get("email") or "",
            person=person,
            message=form.cleaned_data["message"],
        )
    except services.JoiningError as refusal:
        form.add_error(None, refusal)
        return False
    messages.success(request, _("The invitation was sent to %(email)s.") % {"email": invitation.email})
    return True


@login_required
@require_POST
def answer_join_request(request: HttpRequest, pk: int) -> HttpResponse:
    join_request = get_object_or_404(JoinRequest.objects.select_related("network", "person"), pk=pk)
    if not request.user.has_perm("directory.view_network", join_request.network):
        raise Http404(_("No such request."))
    if not request.user.has_perm("directory.answer_join_request", join_request):
        raise PermissionDenied(_("Only the network's managers may do this."))
    accept = request.POST.get("answer") == "accept"
    done = _("%(name)s is now a member.") if accept else _("The request of %(name)s was declined.")
    _apply(
        request,
        lambda: services.answer_join_request(join_request, request.user, accept),
        done % {"name": join_request.person.full_name},
    )
    return redirect("directory:network_joining", slug=join_request.network.slug)


@login_required
@require_POST
def withdraw_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("network"), pk=pk)
    if not request.user.has_perm("directory.withdraw_invitation", invitation):
        raise Http404(_("No such invitation."))
    _apply(request, lambda: services.withdraw_invitation(invitation), _("The invitation was withdrawn."))
    return redirect("directory:network_joining", slug=invitation.network.slug)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation's link opens: anyone holding the link sees the network's name; only the
    invitee, logged in, may answer."""
    found = get_object_or_404(Invitation.objects.select_related("network", "invited_by"), token=token[:43])
    is_for_me = request.user.has_perm("directory.answer_invitation", found)
    if request.method == "POST":
        if not is_for_me:
            raise PermissionDenied(_("This invitation was sent to another address."))
        accept = request.POST.get("answer") == "accept"
        success = _("Welcome! You are now a member.") if accept else _("You declined the invitation.")
        if _apply(request, lambda: services.answer_invitation(found, request.user, accept), success) and accept:
            return redirect("directory:network", slug=found.network.slug)
        return redirect("directory:invitation", token=found.token)
    return render(request, "directory/invitation.html", {"invitation": found, "is_for_me": is_for_me})


@login_required
def network_export(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    found = _managed_network(request, slug)
    header, rows = queries.member_export_rows(request.user, found)
    return table_download(header, rows, file_format, f"{found.slug}-members", title=found.slug)


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
