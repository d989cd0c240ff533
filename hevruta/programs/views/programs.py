"""Program pages: the list, a program with its vision, goals, requirements, staff and cohorts, the
coordinators' forms, and the alumni directory."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hevruta.core.names import local_name_text
from hevruta.core.pagination import paginate
from hevruta.directory.models import Network
from hevruta.directory.queries import network_by_slug, viewer_for

from .. import queries, services
from ..forms import CohortForm, GoalForm, ObjectiveForm, ProgramForm, RequirementForm, StaffForm
from ..models import ProgramGoal, ProgramObjective, ProgramStaff, Requirement
from .common import MANAGE, add_errors, form_page, program_for


def program_list(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    managed = Network.objects.all() if viewer.is_operator else Network.objects.filter(pk__in=viewer.managed_network_ids)
    return render(
        request,
        "programs/list.html",
        {"programs": queries.program_list(request.user), "managed_networks": managed.order_by("name")},
    )


def program_detail(request: HttpRequest, slug: str) -> HttpResponse:
    program, access = program_for(request, slug)
    page = queries.program_page(request.user, program)
    return render(
        request,
        "programs/program.html",
        {
            "program": program,
            "access": access,
            "page": page,
            "named": queries.named_people(request.user, access, [member.person_id for member in page.staff]),
            "figures": queries.alumni_figures(program),
        },
    )


@login_required
def program_create(request: HttpRequest, network_slug: str) -> HttpResponse:
    network = network_by_slug(network_slug)
    if network is None or not request.user.has_perm("directory.view_network", network):
        raise Http404(_("No such network."))
    if not request.user.has_perm("directory.manage_network", network):
        raise PermissionDenied(_("Only the network's managers may create its programs."))
    form = ProgramForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        roles = data.pop("roles")
        try:
            program = services.create_program(network, roles=roles, created_by=request.user, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The program was created."))
            return redirect("programs:program", slug=program.slug)
    return form_page(
        request,
        form,
        title=_("New program in %(network)s") % {"network": local_name_text(network)},
        back=reverse("programs:list"),
    )


@login_required
def program_edit(request: HttpRequest, slug: str) -> HttpResponse:
    program, _access = program_for(request, slug, MANAGE)
    form = ProgramForm(request.POST or None, instance=program, network=program.network)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        roles = data.pop("roles")
        program.refresh_from_db()  # the form wrote into the instance; the service decides
        try:
            services.update_program(program, roles=roles, **data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The program was saved."))
            return redirect("programs:program", slug=program.slug)
    return form_page(
        request, form, title=_("Edit the program"), back=reverse("programs:program", args=[slug]), program=program
    )


@login_required
def goal_add(request: HttpRequest, slug: str) -> HttpResponse:
    program, _access = program_for(request, slug, MANAGE)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_goal(program, form.cleaned_data["text"], form.cleaned_data["language"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect(reverse("programs:program", args=[slug]) + "#goals")
    return form_page(
        request, form, title=_("Add a goal"), back=reverse("programs:program", args=[slug]), program=program
    )


@login_required
def objective_add(request: HttpRequest, slug: str) -> HttpResponse:
    program, _access = program_for(request, slug, MANAGE)
    form = ObjectiveForm(request.POST or None, program=program, initial={"goal": request.GET.get("goal")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_objective(data["goal"], data["text"], data["language"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect(reverse("programs:program", args=[slug]) + "#goals")
    return form_page(
        request, form, title=_("Add an objective"), back=reverse("programs:program", args=[slug]), program=program
    )


@login_required
@require_POST
def goal_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    program, _access = program_for(request, slug, MANAGE)
    services.delete_goal(get_object_or_404(ProgramGoal, program=program, pk=pk))
    return redirect(reverse("programs:program", args=[slug]) + "#goals")


@login_required
@require_POST
def objective_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    program, _access = program_for(request, slug, MANAGE)
    services.delete_objective(get_object_or_404(ProgramObjective, goal__program=program, pk=pk))
    return redirect(reverse("programs:program", args=[slug]) + "#goals")


@login_required
def staff_add(request: HttpRequest, slug: str) -> HttpResponse:
    program, _access = program_for(request, slug, MANAGE)
    form = StaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_staff(program, form.cleaned_data["person"], form.cleaned_data["role"])
        messages.success(request, _("The staff member was added."))
        return redirect(reverse("programs:program", args=[slug]) + "#staff")
    return form_page(
        request, form, title=_("Add staff"), back=reverse("programs:program", args=[slug]), program=program
    )


@login_required
@require_POST
def staff_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    program, _access = program_for(request, slug, MANAGE)
    services.remove_staff(get_object_or_404(ProgramStaff, program=program, pk=pk))
    return redirect(reverse("programs:program", args=[slug]) + "#staff")


@login_required
def requirement_add(request: HttpRequest, slug: str) -> HttpResponse:
    program, _access = program_for(request, slug, MANAGE)
    form = RequirementForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_requirement(
                program,
                data["kind"],
                min_percent=data["min_percent"],
                hours=data["hours"],
                competency=data["competency"],
                min_level=data["min_level"],
                description=data["description"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect(reverse("programs:program", args=[slug]) + "#requirements")
    return form_page(
        request, form, title=_("Add a requirement"), back=reverse("programs:program", args=[slug]), program=program
    )


@login_required
@require_POST
def requirement_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    program, _access = program_for(request, slug, MANAGE)
    services.remove_requirement(get_object_or_404(Requirement, program=program, pk=pk))
    return redirect(reverse("programs:program", args=[slug]) + "#requirements")


@login_required
def cohort_create(request: HttpRequest, slug: str) -> HttpResponse:
    program, _access = program_for(request, slug, MANAGE)
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cohort = services.create_cohort(program, data["name"], data["start_date"], data["end_date"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("programs:cohort", pk=cohort.pk)
    return form_page(
        request, form, title=_("New cohort"), back=reverse("programs:program", args=[slug]), program=program
    )


def alumni(request: HttpRequest, slug: str) -> HttpResponse:
    program, access = program_for(request, slug)
    return render(
        request,
        "programs/alumni.html",
        {
            "program": program,
            "access": access,
            "figures": queries.alumni_figures(program),
            "page": paginate(queries.alumni_directory(request.user, program), request.GET.get("page")),
        },
    )
