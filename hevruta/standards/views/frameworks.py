"""Framework pages: the list, a framework as a tree, its document, versions, CASE import and export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hevruta.core.files import made_download

from .. import queries, services
from ..case.exporter import dumps, export_package
from ..forms import FrameworkForm, ImportForm
from ..models import FrameworkStatus
from ..services.case_jobs import start_case_import
from .common import framework_for, is_operator, managed_networks, network_for_writing


def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = queries.framework_list(request.user)
    status = request.GET.get("status", "")
    if status in FrameworkStatus.values:
        frameworks = frameworks.filter(status=status)
    networks = managed_networks(request.user)
    return render(
        request,
        "standards/frameworks.html",
        {
            "frameworks": frameworks,
            "statuses": FrameworkStatus.choices,
            "status": status,
            "may_write": networks.exists() or is_operator(request.user),
        },
    )


def framework_detail(request: HttpRequest, pk: int) -> HttpResponse:
    framework = framework_for(request, pk)
    user = request.user
    return render(
        request,
        "standards/framework.html",
        {
            "framework": framework,
            "tree": queries.framework_tree(user, framework),
            "versions": queries.versions_of(framework),
            "roles": queries.roles_visible_to(user).filter(framework=framework).order_by("name"),
            "may_manage": user.has_perm("standards.manage_framework", framework),
            "may_edit": user.has_perm("standards.change_framework", framework),
            "has_draft": framework.next_versions.filter(status=FrameworkStatus.DRAFT).exists(),
        },
    )


def framework_create(request: HttpRequest) -> HttpResponse:
    networks = list(managed_networks(request.user))
    library = is_operator(request.user)
    if not networks and not library:
        return _forbidden()
    form = FrameworkForm(request.POST or None, networks=networks, library=library)
    if request.method == "POST" and form.is_valid():
        network = network_for_writing(request, form.cleaned_data.get("network"))
        fields = form.document_fields()
        try:
            framework = services.create_framework(
                network, user=request.user, title=fields.pop("title"), creator=fields.pop("creator"), **fields
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The framework was created as a draft."))
            return redirect("standards:framework", pk=framework.pk)
    return render(request, "standards/framework_form.html", {"form": form})


def _forbidden() -> HttpResponse:
    raise PermissionDenied(_("Only a network's managers may write its frameworks."))


def framework_edit(request: HttpRequest, pk: int) -> HttpResponse:
    framework = framework_for(request, pk, "standards.change_framework")
    form = FrameworkForm(request.POST or None, instance=framework)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_framework(framework, **form.document_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The framework was saved."))
            return redirect("standards:framework", pk=framework.pk)
    return render(request, "standards/framework_form.html", {"form": form, "framework": framework})


def _act(request: HttpRequest, pk: int, perm: str, action, success: str):  # type: ignore[no-untyped-def]
    framework = framework_for(request, pk, perm)
    try:
        result = action(framework)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("standards:framework", pk=framework.pk)
    messages.success(request, success)
    return redirect("standards:framework", pk=(result or framework).pk)


@require_POST
def framework_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, "standards.change_framework", services.publish, _("The framework is published and frozen.")
    )


@require_POST
def framework_new_draft(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "standards.manage_framework",
        lambda framework: services.new_draft(framework, request.user),
        _("A new draft version was made; the published version stays as it was."),
    )


@require_POST
def framework_retire(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "standards.manage_framework", services.retire, _("The framework was retired."))


@require_POST
def framework_delete(request: HttpRequest, pk: int) -> HttpResponse:
    framework = framework_for(request, pk, "standards.change_framework")
    previous = framework.previous_id
    services.delete_draft(framework)  # roles measured by the draft are left without a framework
    messages.success(request, _("The draft was deleted."))
    return redirect("standards:framework", pk=previous) if previous else redirect("standards:frameworks")


def framework_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The CFPackage as a file; drafts too, for their managers (the CASE endpoints serve no draft)."""
    framework = framework_for(request, pk)
    return made_download(dumps(export_package(framework)), "application/json", f"case-{framework.identifier}.json")


def framework_import(request: HttpRequest) -> HttpResponse:
    """Keeps the file (or the address) and queues the import; the job's page follows it on a worker."""
    networks = list(managed_networks(request.user))
    library = is_operator(request.user)
    if not networks and not library:
        return _forbidden()
    form = ImportForm(request.POST or None, request.FILES or None, networks=networks, library=library)
    if request.method == "POST" and form.is_valid():
        network = network_for_writing(request, form.cleaned_data.get("network"))
        upload, url = form.cleaned_data.get("file"), form.cleaned_data.get("url") or ""
        job = start_case_import(
            network=network,
            user=request.user,
            publish=form.cleaned_data["publish"],
            content=upload.read() if upload else None,
            url=url,
            source=upload.name if upload else url,
        )
        return redirect("core:job", pk=job.pk)
    return render(request, "standards/import.html", {"form": form, "problems": []})
