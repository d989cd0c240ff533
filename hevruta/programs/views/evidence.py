"""Evidence pages: submit, edit and resubmit (for its author), review (for the program's reviewers), the
review queue, and the files, served only to those who may see the evidence."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hevruta.core.files import file_response
from hevruta.core.pagination import paginate
from hevruta.core.refusals import tell_refusal

from .. import queries, services
from ..forms import EvidenceForm, ReviewForm
from ..models import Evidence, EvidenceRevision
from .common import add_errors, enrollment_for, me


def _evidence(request: HttpRequest, pk: int) -> Evidence:
    found = queries.evidence_detail(request.user, pk)
    if found is None:
        raise Http404(_("No such evidence, or it is not shown to you."))
    return found


@login_required
def evidence_create(request: HttpRequest, enrollment_pk: int) -> HttpResponse:
    enrollment, access = enrollment_for(request, enrollment_pk)
    if enrollment.person_id != access.person_id:
        raise PermissionDenied(_("Only the participant submits their own evidence."))
    initial = {key: request.GET.get(key) for key in ("competency", "assignment") if request.GET.get(key)}
    form = EvidenceForm(
        request.POST or None,
        request.FILES or None,
        competencies=queries.competencies_for(enrollment),
        assignments=enrollment.cohort.assignments.order_by("due_date", "id"),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evidence = services.submit_evidence(
                enrollment,
                data["competency"],
                assignment=data["assignment"],
                text=data["text"],
                upload=data["file"],
                video_url=data["video_url"],
                reflection=data["reflection"],
                language=data["language"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your evidence was submitted for review."))
            return redirect("programs:evidence", pk=evidence.pk)
    return render(
        request,
        "programs/evidence_form.html",
        {"form": form, "enrollment": enrollment, "program": enrollment.cohort.program, "evidence": None},
    )


@login_required
def evidence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _evidence(request, pk)
    may_review = request.user.has_perm("programs.review_evidence", evidence) and evidence.status == "submitted"
    return render(
        request,
        "programs/evidence.html",
        {
            "evidence": evidence,
            "program": evidence.enrollment.cohort.program,
            "revisions": sorted(evidence.revisions.all(), key=lambda revision: -revision.number),
            "reviews": {review.revision_id: review for review in evidence.reviews.all()},
            "may_change": request.user.has_perm("programs.change_evidence", evidence),
            "review_form": ReviewForm(framework_id=evidence.competency.framework_id) if may_review else None,
            "rubric": evidence.competency.rubric_texts.select_related("level").order_by("level__position"),
        },
    )


@login_required
def evidence_edit(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _evidence(request, pk)
    if not request.user.has_perm("programs.change_evidence", evidence):
        raise PermissionDenied(_("Only its author changes evidence, and not once it is accepted."))
    initial = {
        "text": evidence.text,
        "video_url": evidence.video_url,
        "reflection": evidence.reflection,
        "language": evidence.language,
    }
    form = EvidenceForm(
        request.POST or None,
        request.FILES or None,
        competencies=None,
        assignments=None,
        editing=True,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_evidence(
                evidence,
                text=data["text"],
                video_url=data["video_url"],
                reflection=data["reflection"],
                upload=data["file"],
                remove_file=data["remove_file"],
                language=data["language"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your evidence was submitted for review."))
            return redirect("programs:evidence", pk=evidence.pk)
    return render(
        request,
        "programs/evidence_form.html",
        {
            "form": form,
            "enrollment": evidence.enrollment,
            "program": evidence.enrollment.cohort.program,
            "evidence": evidence,
            "last_review": evidence.reviews.all().order_by("-reviewed_at").first(),
        },
    )


@login_required
@require_POST
def evidence_review(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _evidence(request, pk)
    if not request.user.has_perm("programs.review_evidence", evidence):
        raise PermissionDenied(_("Only the program's reviewers review evidence, and never their own."))
    form = ReviewForm(request.POST, framework_id=evidence.competency.framework_id)
    reviewer = me(request)
    if form.is_valid() and reviewer is not None:
        data = form.cleaned_data
        try:
            services.review_evidence(
                evidence, reviewer, data["decision"], level=data["level"], comments=data["comments"]
            )
        except ValidationError as error:
            tell_refusal(request, error)
        else:
            messages.success(request, _("The review was saved."))
            return redirect("programs:reviews")
    else:
        messages.error(request, _("Choose to accept or return the evidence."))
    return redirect("programs:evidence", pk=pk)


@login_required
def evidence_file(request: HttpRequest, pk: int, number: int) -> FileResponse:
    evidence = _evidence(request, pk)
    revision = EvidenceRevision.objects.filter(evidence=evidence, number=number).exclude(file="").first()
    if revision is None:
        raise Http404(_("No such file."))
    try:
        handle = revision.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("No such file.")) from None
    # Always a download, never shown inline: the browser does not interpret what a participant uploaded.
    return file_response(handle, revision.file_name or "evidence")


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "programs/reviews.html",
        {"page": paginate(queries.review_queue(request.user), request.GET.get("page"))},
    )
