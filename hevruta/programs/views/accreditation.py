"""The decision page (staff): a participant's progress, the decisions so far, approve or defer, and the
credentials issued after approval; and the participant's dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hevruta.core.refusals import tell_refusal
from hevruta.credentials.contexts import ContextError
from hevruta.credentials.dataintegrity import ProofError
from hevruta.standards.models import Item

from .. import queries, services
from ..forms import DecisionForm
from ..models import CredentialKind, DecisionKind, Evidence, EvidenceStatus
from .common import enrollment_for


@login_required
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    enrollment, access = enrollment_for(request, pk)
    if not access.is_staff:
        raise PermissionDenied(_("Only the program's staff see decisions; your outcome is on your programs page."))
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if not access.manages:
            raise PermissionDenied(_("Only the program's coordinators and the network's managers decide."))
        if form.is_valid():
            try:
                services.decide(
                    enrollment, form.cleaned_data["decision"], reason=form.cleaned_data["reason"], by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The decision was recorded."))
                return redirect("programs:decision", pk=pk)
    rows = queries.progress(enrollment)
    decisions = queries.decisions_of(enrollment)
    approved = next((d for d in decisions if d.decision == DecisionKind.APPROVE), None)
    accepted = (
        Evidence.objects.filter(enrollment=enrollment, status=EvidenceStatus.ACCEPTED)
        .select_related("competency", "level")
        .order_by("competency__human_coding_scheme", "id")
    )
    return render(
        request,
        "programs/decision.html",
        {
            "enrollment": enrollment,
            "program": enrollment.cohort.program,
            "access": access,
            "progress": rows,
            "all_met": queries.all_met(rows),
            "decisions": decisions,
            "approved": approved,
            "form": form if access.manages and approved is None else None,
            "credentials": queries.credentials_of(enrollment),
            "accepted": accepted,
            "evidence": queries.evidence_for_enrollment(enrollment),
        },
    )


@login_required
@require_POST
def issue_credential(request: HttpRequest, pk: int) -> HttpResponse:
    enrollment, access = enrollment_for(request, pk)
    if not access.manages:
        raise PermissionDenied(_("Only the program's coordinators and the network's managers issue credentials."))
    kind = request.POST.get("kind", "")
    competency = None
    if kind == CredentialKind.COMPETENCY:
        competency = get_object_or_404(Item, pk=request.POST.get("competency") or 0)
    try:
        link = services.issue_program_credential(enrollment, kind, competency=competency, issued_by=request.user)
    except ValidationError as error:
        tell_refusal(request, error)
    except (ContextError, ProofError) as error:
        messages.error(request, _("The credential could not be signed: %(problem)s") % {"problem": error})
    else:
        messages.success(request, _("The credential was issued."))
        return redirect("credentials:credential", credential_id=link.credential_id)
    return redirect("programs:decision", pk=pk)


@login_required
def my_programs(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "programs/mine.html",
        {
            "summaries": queries.my_programs(request.user),
            "staff_programs": queries.my_staff_programs(request.user),
            "review_count": queries.review_queue(request.user).count(),
        },
    )
