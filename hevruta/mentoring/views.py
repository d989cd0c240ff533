"""Mentoring's pages: they parse, authorize, call a service or a query, and render."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hevruta.core.exports import FORMATS, table_download
from hevruta.core.jobs import services as jobs
from hevruta.core.jobs.models import Job
from hevruta.core.pagination import paginate
from hevruta.core.refusals import tell_refusal
from hevruta.directory.models import Network, Person
from hevruta.directory.queries import viewer_for
from hevruta.programs.models import ProgramKind
from hevruta.programs.queries import framework_competencies
from hevruta.standards.models import PerformanceLevel

from . import queries, reasons, services
from .forms import (
    ApplicationForm,
    AssessmentForm,
    EnrollForm,
    GoalForm,
    MeetingForm,
    NewProgramForm,
    NoteForm,
    PairForm,
    ResponseForm,
    SettingsForm,
    SupervisionForm,
    SurveyForm,
)
from .models import (
    Application,
    ApplicationStatus,
    Assessment,
    ClosingSurvey,
    MatchRequest,
    MeetingLog,
    MentoringProgram,
    Milestone,
    PairConstraint,
    Relationship,
    RelationshipKind,
    Side,
)


def _me(request: HttpRequest) -> Person | None:
    person_id = viewer_for(request.user).person_id
    return Person.objects.filter(pk=person_id).first() if person_id else None


def _program(request: HttpRequest, slug: str, *, manage: bool = False) -> MentoringProgram:
    program = queries.mentoring_program_by_slug(request.user, slug)
    if program is None:
        raise Http404(_("No such mentoring program, or it is not shown to you."))
    if manage and not request.user.has_perm("mentoring.run_program", program):
        raise PermissionDenied(_("Only the program's coordinators and the network's managers may do this."))
    return program


def _relationship(request: HttpRequest, pk: int) -> Relationship:
    relationship = queries.relationship_of(request.user, pk)
    if relationship is None:
        raise Http404(_("No such relationship, or it is not shown to you."))
    return relationship


def _form_page(request: HttpRequest, form: Any, *, title: str, back: str, **extra: Any) -> HttpResponse:
    return render(request, "mentoring/form.html", {"form": form, "title": title, "back": back, **extra})


def _attempt[T](
    request: HttpRequest,
    action: Callable[[], T],
    then: Callable[[T], HttpResponse],
    *,
    form: Any = None,
    success: str | Callable[[T], str] = "",
) -> HttpResponse | None:
    """Runs one service call. Done: the success message (if any) and `then(result)`. Refused (the service
    changed nothing): the reason goes onto the form, or into a message when there is none, and None."""
    try:
        result = action()
    except ValidationError as error:
        if form is None:
            messages.error(request, " ".join(error.messages))
        else:
            form.add_error(None, error)
        return None
    message = success(result) if callable(success) else success
    if message:
        messages.success(request, message)
    return then(result)


def _form_view[T](
    request: HttpRequest,
    form: Any,
    save: Callable[[], T],
    then: Callable[[T], HttpResponse],
    *,
    success: str = "",
    title: str,
    back: str,
    **extra: Any,
) -> HttpResponse:
    """A form page: a valid POST is saved through `save` (reading `form.cleaned_data`); else the form again."""
    if request.method == "POST" and form.is_valid():
        done = _attempt(request, save, then, form=form, success=success)
        if done is not None:
            return done
    return _form_page(request, form, title=title, back=back, **extra)


# Programs ----------------------------------------------------------------------------------------------


def program_list(request: HttpRequest) -> HttpResponse:
    programs = queries.mentoring_programs_visible_to(request.user).order_by("-starts_on", "id")
    may_create = viewer_for(request.user).managed_network_ids or viewer_for(request.user).is_operator
    return render(request, "mentoring/list.html", {"programs": programs, "may_create": may_create})


@login_required
def program_create(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    networks = (
        Network.objects.all() if viewer.is_operator else Network.objects.filter(pk__in=viewer.managed_network_ids)
    )
    if not networks.exists():
        raise PermissionDenied(_("Only a network's managers start its mentoring programs."))
    form = NewProgramForm(request.POST or None, networks=networks.order_by("name"))

    def create() -> MentoringProgram:
        data = form.cleaned_data
        names = ("name_he", "name_ar", "name_en")
        return services.create_mentoring_program(
            data["network"],
            coordinator=_me(request),
            kind=ProgramKind.SUPERVISION if data["supervision"] else ProgramKind.MENTORING,
            weights=form.weights(),
            created_by=request.user,
            program_fields={name: data[name] for name in names},
            **{k: v for k, v in form.settings().items() if k not in ("network", "supervision", *names)},
        )

    return _form_view(
        request,
        form,
        create,
        lambda program: redirect("mentoring:program", slug=program.program.slug),
        title=_("New mentoring program"),
        back=reverse("mentoring:list"),
    )


def program_page(request: HttpRequest, slug: str) -> HttpResponse:
    program = _program(request, slug)
    runs = request.user.has_perm("mentoring.run_program", program)
    context = {
        "program": program,
        "runs": runs,
        "mine": queries.my_applications(request.user, program),
        "relationships": queries.my_relationships(request.user).filter(program_id=program.program_id),
        "counts": _counts(program) if runs else None,
        **_self_matching(request, program),
    }
    return render(request, "mentoring/program.html", context)


def _self_matching(request: HttpRequest, program: MentoringProgram) -> dict[str, Any]:
    """In self-matching programs: whom I may ask (the other side, still waiting), and who asked me."""
    if not program.self_matching:
        return {}
    mine = [a for a in queries.my_applications(request.user, program) if a.status == ApplicationStatus.PENDING]
    if not mine:
        return {}
    sides = {a.side for a in mine}
    others = (
        program.applications.filter(status=ApplicationStatus.PENDING)
        .exclude(side__in=sides)
        .exclude(person_id=mine[0].person_id)
        .select_related("person")
        .order_by("person__family_name", "person__given_name")[:50]
    )
    received = MatchRequest.objects.filter(receiver__in=mine, status="pending").select_related("sender__person")
    return {"may_ask": others, "received": received, "sender": mine[0]}


def _counts(program: MentoringProgram) -> dict[str, int]:
    applications = program.applications.exclude(status=ApplicationStatus.WITHDRAWN)
    return {
        "mentors": applications.filter(side=Side.MENTOR).count(),
        "mentees": applications.filter(side=Side.MENTEE).count(),
        "relationships": Relationship.objects.filter(program_id=program.program_id).count(),
    }


@login_required
def program_settings(request: HttpRequest, slug: str) -> HttpResponse:
    program = _program(request, slug, manage=True)
    initial = {name: getattr(program, name) for name in services.SETTINGS_FIELDS}
    initial["questions"] = "\n".join(program.questions or [])
    initial |= {f"weight_{name}": program.weight(name) for name in services.DEFAULT_WEIGHTS}
    form = SettingsForm(request.POST or None, initial=initial)
    return _form_view(
        request,
        form,
        lambda: services.update_settings(program, weights=form.weights(), **form.settings()),
        lambda _saved: redirect("mentoring:program", slug=slug),
        success=_("The program's settings were saved."),
        title=_("Mentoring settings"),
        back=reverse("mentoring:program", args=[slug]),
        program=program,
    )


# Applications -----------------------------------------------------------------------------------------


@login_required
def apply(request: HttpRequest, slug: str, side: str) -> HttpResponse:
    program = _program(request, slug)
    person = _me(request)
    if side not in Side.values:
        raise Http404(_("One applies as mentor or as mentee."))
    if person is None:
        raise PermissionDenied(_("Only people in the directory apply to mentoring programs."))
    avoidable = Person.objects.filter(memberships__network_id=program.program.network_id).exclude(pk=person.pk)
    form = ApplicationForm(
        request.POST or None,
        side=side,
        questions=list(program.questions or []),
        avoidable=avoidable.order_by("family_name", "given_name").distinct(),
        default_capacity=program.default_capacity,
    )

    def send() -> Application:
        data = form.cleaned_data
        return services.apply(
            program,
            person,
            side,
            answers=form.answers(),
            capacity=data.get("capacity"),
            goals=data.get("goals") or (),
            organization_preference=data["organization_preference"],
            avoid=data.get("avoid") or (),
        )

    return _form_view(
        request,
        form,
        send,
        lambda _sent: redirect("mentoring:program", slug=slug),
        success=_("Your application was received."),
        title=_("Apply as a mentor") if side == Side.MENTOR else _("Apply as a mentee"),
        back=reverse("mentoring:program", args=[slug]),
        program=program,
    )


@login_required
def applications(request: HttpRequest, slug: str) -> HttpResponse:
    program = _program(request, slug, manage=True)
    members = Person.objects.filter(memberships__network_id=program.program.network_id).distinct()
    form = EnrollForm(request.POST or None, people=members.order_by("family_name", "given_name"))
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            request,
            lambda: services.enroll_from_directory(
                program, form.cleaned_data["people"], form.cleaned_data["side"], by_user=request.user
            ),
            lambda _added: redirect("mentoring:applications", slug=slug),
            form=form,
            success=lambda added: _("%(count)d people enrolled.") % {"count": len(added)},
        )
        if done is not None:
            return done
    context = {"program": program, "applications": queries.program_applications(program), "form": form}
    return render(request, "mentoring/applications.html", context)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.applications_visible_to(request.user).select_related("program__program").filter(pk=pk).first()
    if application is None:
        raise Http404(_("No such application, or it is not shown to you."))
    if application.person_id != viewer_for(request.user).person_id and not request.user.has_perm(
        "mentoring.run_program", application.program
    ):
        raise PermissionDenied(_("Only the applicant or the coordinator withdraws an application."))
    back = redirect("mentoring:program", slug=application.program.program.slug)
    return _attempt(request, lambda: services.withdraw(application), lambda _done: back) or back


@login_required
@require_POST
def request_match(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    program = _program(request, slug)
    person_id = viewer_for(request.user).person_id or 0
    sender = program.applications.filter(person_id=person_id, status=ApplicationStatus.PENDING).first()
    receiver = program.applications.filter(pk=pk).first()
    if sender is None or receiver is None:
        raise Http404(_("No such application, or it is not shown to you."))
    back = redirect("mentoring:program", slug=slug)
    return (
        _attempt(
            request,
            lambda: services.request_match(sender, receiver, request.POST.get("message", "")),
            lambda _sent: back,
            success=_("Your request was sent."),
        )
        or back
    )


@login_required
@require_POST
def answer_match_request(request: HttpRequest, pk: int) -> HttpResponse:
    person_id = viewer_for(request.user).person_id or 0
    match = MatchRequest.objects.filter(pk=pk, receiver__person_id=person_id).select_related("program__program").first()
    if match is None:
        raise Http404(_("No such request."))
    back = redirect("mentoring:program", slug=match.program.program.slug)
    return (
        _attempt(
            request,
            lambda: services.answer_match_request(match, accept=request.POST.get("accept") == "1"),
            lambda relationship: (
                back if relationship is None else redirect("mentoring:relationship", pk=relationship.pk)
            ),
        )
        or back
    )


# Matching ------------------------------------------------------------------------------------------------


@login_required
def matching(request: HttpRequest, slug: str) -> HttpResponse:
    program = _program(request, slug, manage=True)
    job = _matching_job(program)
    if request.headers.get("HX-Request"):  # the job's panel, polled while it runs
        return render(request, "mentoring/_matching_job.html", {"program": program, **(job or {})})
    run = queries.latest_run(program)
    pairs = list(queries.run_pairs(run)) if run else []
    unmatched = (
        list(Application.objects.filter(pk__in=run.unmatched).select_related("person")) if run and run.unmatched else []
    )
    constraints = PairConstraint.objects.filter(program=program).select_related("mentee__person", "mentor__person")
    texts = reasons.texts_for(pairs)
    for pair in pairs:
        pair.reason_texts = texts[pair.pk]  # type: ignore[attr-defined]
    context = {
        "program": program,
        "run": run,
        "pairs": pairs,
        "unmatched": unmatched,
        "missing": reasons.missing_texts(run.missing_profiles) if run and run.missing_profiles else [],
        "constraints": constraints,
        "locked": {(c.mentee_id, c.mentor_id) for c in constraints if c.kind == "lock"},
        **(job or {}),
    }
    return render(request, "mentoring/matching.html", context)


def _matching_job(program: MentoringProgram) -> dict[str, Any] | None:
    """The program's matching job while it runs, or when it failed after the latest proposal."""
    job = services.matching_job(program)
    if job is None:
        return None
    job = jobs.recover(job)
    latest = queries.latest_run(program)
    if job.state == Job.State.FAILED and latest is not None and latest.created_at > job.created_at:
        return None  # an old failure, since made good
    done, total = jobs.live_progress(job)
    return {"job": job, "done": done, "total": total, "stage": jobs.live_stage(job)}


@login_required
@require_POST
def run_matching(request: HttpRequest, slug: str) -> HttpResponse:
    program = _program(request, slug, manage=True)
    try:
        started = services.start_matching(program, by_user=request.user)
    except ValidationError as error:
        tell_refusal(request, error)
    else:
        if isinstance(started, Job):
            messages.info(
                request, _("Matching runs in the background: follow it below; you will get a notice when it ends.")
            )
        else:
            messages.success(request, _("Matching done: review the proposal below."))
    return redirect("mentoring:matching", slug=slug)


def _pair(request: HttpRequest, program: MentoringProgram) -> tuple[Application, Application]:
    form = PairForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_("Choose a proposed pair."))
    found = {
        a.pk: a for a in program.applications.filter(pk__in=[form.cleaned_data["mentee"], form.cleaned_data["mentor"]])
    }
    mentee, mentor = found.get(form.cleaned_data["mentee"]), found.get(form.cleaned_data["mentor"])
    if mentee is None or mentor is None:
        raise ValidationError(_("Both applications must be of this program."))
    return mentee, mentor


@login_required
@require_POST
def constrain(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    program = _program(request, slug, manage=True)
    if kind not in ("lock", "forbid"):
        raise Http404(_("A pair is locked or forbidden."))
    service = services.lock_pair if kind == "lock" else services.forbid_pair
    back = redirect("mentoring:matching", slug=slug)
    success = _("The pair is locked.") if kind == "lock" else _("The pair is forbidden.")
    return (
        _attempt(request, lambda: service(program, *_pair(request, program)), lambda _c: back, success=success) or back
    )


@login_required
@require_POST
def remove_constraint(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    program = _program(request, slug, manage=True)
    constraint = PairConstraint.objects.filter(program=program, pk=pk).first()
    if constraint is None:
        raise Http404(_("No such lock or prohibition."))
    services.remove_constraint(constraint)
    return redirect("mentoring:matching", slug=slug)


@login_required
@require_POST
def publish(request: HttpRequest, slug: str, run_id: int) -> HttpResponse:
    program = _program(request, slug, manage=True)
    run = program.runs.filter(pk=run_id).first()
    if run is None:
        raise Http404(_("No such matching run."))
    return _attempt(
        request,
        lambda: services.publish(run, by_user=request.user),
        lambda _published: redirect("mentoring:relationships", slug=slug),
        success=lambda published: _("%(count)d relationships published.") % {"count": len(published)},
    ) or redirect("mentoring:matching", slug=slug)


# Relationships ----------------------------------------------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "mentoring/mine.html", {"relationships": queries.my_relationships(request.user)})


@login_required
def relationships(request: HttpRequest, slug: str) -> HttpResponse:
    program = _program(request, slug)
    if not queries.access(request.user, program).is_staff:
        raise PermissionDenied(_("Only the program's staff see all its relationships."))
    page = paginate(queries.program_relationships(program), request.GET.get("page"))
    context = {
        "program": program,
        "page": page,
        "relationships": page.items,
        "may_export": request.user.has_perm("mentoring.run_program", program),
    }
    return render(request, "mentoring/relationships.html", context)


@login_required
def relationships_export(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    """The program's relationships as a spreadsheet for its coordinators and the network's managers."""
    if file_format not in FORMATS:
        raise Http404(_("The relationships come as CSV or XLSX."))
    program = _program(request, slug, manage=True)
    header, rows = queries.export_rows(program)
    return table_download(header, rows, file_format, f"{slug}-relationships", title=_("Relationships"))


def _framework_items(relationship: Relationship) -> Any:
    return framework_competencies(relationship.program.framework_id).order_by("human_coding_scheme", "id")


@login_required
def relationship_page(request: HttpRequest, pk: int) -> HttpResponse:
    relationship = _relationship(request, pk)
    person_id = viewer_for(request.user).person_id
    in_pair = relationship.includes(person_id)
    context = {
        "relationship": relationship,
        "in_pair": in_pair,
        "is_mentor": person_id == relationship.mentor_id,
        "meetings": queries.meetings_of(relationship, request.user),
        "notes": queries.my_private_notes(relationship, request.user),
        "goals": relationship.goals.prefetch_related("milestones"),
        "assessments": queries.current_assessments(relationship, request.user),
        "note_form": NoteForm() if in_pair else None,
        "survey_answered": ClosingSurvey.objects.filter(relationship=relationship, respondent_id=person_id).exists(),
        "may_assess": in_pair and person_id == relationship.mentor_id and _framework_items(relationship).exists(),
    }
    return render(request, "mentoring/relationship.html", context)


def _back_to(relationship: Relationship, anchor: str = "") -> Callable[[object], HttpResponse]:
    """What a relationship's forms answer once saved: its page, at the part just changed."""
    return lambda _saved: redirect(reverse("mentoring:relationship", args=[relationship.pk]) + anchor)


def _meeting_fields(form: MeetingForm) -> dict[str, Any]:
    data = form.cleaned_data
    names = ("date", "hours", "topics", "summary", "summary_language", "summary_shared")
    return {name: data[name] for name in names} | {"competencies": data.get("competencies") or ()}


def _pair_member(request: HttpRequest, relationship: Relationship) -> Person:
    person = _me(request)
    if person is None or not relationship.includes(person.pk):
        raise PermissionDenied(_("Only the two people of a relationship do this."))
    return person


@login_required
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    relationship = _relationship(request, pk)
    person = _pair_member(request, relationship)
    form = MeetingForm(request.POST or None, competencies=_framework_items(relationship))
    return _form_view(
        request,
        form,
        lambda: services.log_meeting(relationship, by=person, recorded_by=request.user, **_meeting_fields(form)),
        _back_to(relationship),
        success=_("The meeting was logged."),
        title=_("Log a meeting"),
        back=reverse("mentoring:relationship", args=[pk]),
        relationship=relationship,
    )


@login_required
def meeting_edit(request: HttpRequest, pk: int, meeting_id: int) -> HttpResponse:
    relationship = _relationship(request, pk)
    person = _pair_member(request, relationship)
    meeting = MeetingLog.objects.filter(relationship=relationship, pk=meeting_id).first()
    if meeting is None:
        raise Http404(_("No such meeting."))
    if relationship.kind == RelationshipKind.SUPERVISION and person.pk != relationship.mentor_id:
        raise PermissionDenied(_("Only the supervisor changes the meeting's record."))
    initial = {
        "date": meeting.date,
        "hours": meeting.hours,
        "topics": list(meeting.topics.all()),
        "competencies": list(meeting.competencies.all()),
        "summary": meeting.summary,
        "summary_language": meeting.summary_language,
        "summary_shared": meeting.summary_shared,
    }
    form = MeetingForm(request.POST or None, competencies=_framework_items(relationship), initial=initial)
    return _form_view(
        request,
        form,
        lambda: services.update_meeting(meeting, by=person, **_meeting_fields(form)),
        _back_to(relationship),
        title=_("Edit the meeting"),
        back=reverse("mentoring:relationship", args=[pk]),
        relationship=relationship,
    )


@login_required
@require_POST
def note_create(request: HttpRequest, pk: int) -> HttpResponse:
    relationship = _relationship(request, pk)
    person = _pair_member(request, relationship)
    form = NoteForm(request.POST)
    back = _back_to(relationship, "#notes")
    if not form.is_valid():
        messages.error(request, _("A note cannot be empty."))
        return back(None)
    return _attempt(
        request, lambda: services.write_private_note(relationship, person, form.cleaned_data["text"]), back
    ) or back(None)


@login_required
def goal_create(request: HttpRequest, pk: int) -> HttpResponse:
    relationship = _relationship(request, pk)
    person = _pair_member(request, relationship)
    form = GoalForm(request.POST or None)

    def add() -> Any:
        data = form.cleaned_data
        return services.add_goal(relationship, person, data["text"], [(data["milestone"], data["due_on"])])

    return _form_view(
        request,
        form,
        add,
        _back_to(relationship),
        title=_("Add a goal"),
        back=reverse("mentoring:relationship", args=[pk]),
        relationship=relationship,
    )


@login_required
@require_POST
def milestone_done(request: HttpRequest, pk: int, milestone_id: int) -> HttpResponse:
    relationship = _relationship(request, pk)
    person = _pair_member(request, relationship)
    milestone = Milestone.objects.filter(goal__relationship=relationship, pk=milestone_id).first()
    if milestone is None:
        raise Http404(_("No such milestone."))
    services.complete_milestone(milestone, person)
    return redirect("mentoring:relationship", pk=pk)


@login_required
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    relationship = _relationship(request, pk)
    person = _pair_member(request, relationship)
    if person.pk != relationship.mentor_id:
        raise PermissionDenied(_("Only the mentor fills in the mentor's part of the assessment."))
    items = list(_framework_items(relationship))
    if not items:
        raise Http404(_("The program has no framework of competencies to assess."))
    levels = PerformanceLevel.objects.filter(framework=relationship.program.framework).order_by("position")
    point = request.GET.get("point") or request.POST.get("point") or "mid_year"
    draft = Assessment.objects.filter(relationship=relationship, point=point, submitted_at__isnull=True).first()
    initial: dict[str, Any] = {"point": point, "summary": draft.summary if draft else ""}
    if draft is not None:
        for rating in draft.ratings.all():
            initial[f"level_{rating.competency_id}"] = rating.level_id
            initial[f"comment_{rating.competency_id}"] = rating.comment
    form = AssessmentForm(request.POST or None, competencies=items, levels=levels, initial=initial)

    def save() -> Assessment:
        data = form.cleaned_data
        return services.save_assessment(
            relationship, person, data["point"], summary=data["summary"], ratings=form.ratings(), submit=data["submit"]
        )

    return _form_view(
        request,
        form,
        save,
        _back_to(relationship, "#assessments"),
        title=_("The mentor's assessment"),
        back=reverse("mentoring:relationship", args=[pk]),
        relationship=relationship,
    )


@login_required
def assessment_respond(request: HttpRequest, pk: int, assessment_id: int) -> HttpResponse:
    relationship = _relationship(request, pk)
    person = _pair_member(request, relationship)
    assessment = (
        queries.assessments_visible_to(request.user).filter(relationship=relationship, pk=assessment_id).first()
    )
    if assessment is None:
        raise Http404(_("No such assessment."))
    form = ResponseForm(request.POST or None)
    return _form_view(
        request,
        form,
        lambda: services.respond_to_assessment(assessment, person, form.cleaned_data["response"]),
        _back_to(relationship, "#assessments"),
        title=_("Respond to the assessment"),
        back=reverse("mentoring:relationship", args=[pk]),
        relationship=relationship,
        assessment=assessment,
    )


@login_required
def close(request: HttpRequest, pk: int) -> HttpResponse:
    """Ends the relationship (if still active) and takes this person's closing survey."""
    relationship = _relationship(request, pk)
    person = _pair_member(request, relationship)
    form = SurveyForm(request.POST or None)
    return _form_view(
        request,
        form,
        lambda: services.close_relationship(
            relationship, person, **{name: form.cleaned_data[name] for name in ("satisfaction", "goals_met", "comment")}
        ),
        _back_to(relationship),
        success=_("Thank you: your answers were recorded."),
        title=_("End the relationship"),
        back=reverse("mentoring:relationship", args=[pk]),
        relationship=relationship,
    )


# In-service supervision ---------------------------------------------------------------------------------


def _supervision_competencies(programs: list[Any]) -> Any:
    from hevruta.standards.models import Item

    framework_ids = [p.framework_id for p in programs if p.framework_id]
    if not framework_ids:
        return Item.objects.none()
    found = framework_competencies(framework_ids[0])
    for framework_id in framework_ids[1:]:
        found = found | framework_competencies(framework_id)
    return found.order_by("framework_id", "human_coding_scheme", "id")


@login_required
def supervision(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "mentoring/supervision.html",
        {
            "page": paginate(queries.supervision_log(request.user), request.GET.get("page")),
            "may_record": queries.supervisees_of(request.user).exists(),
        },
    )


@login_required
def supervision_create(request: HttpRequest) -> HttpResponse:
    supervisor = _me(request)
    supervisees = queries.supervisees_of(request.user)
    if supervisor is None or not supervisees.exists():
        raise PermissionDenied(_("Only a program's supervisors record supervision meetings."))
    programs = queries.supervised_programs(request.user)
    form = SupervisionForm(
        request.POST or None,
        supervisees=supervisees,
        programs=programs,
        competencies=_supervision_competencies(list(programs)),
        initial={"supervisee": request.GET.get("supervisee")},
    )

    def record() -> MeetingLog:
        data = form.cleaned_data
        fields = ("program", "date", "hours", "summary", "summary_language", "competencies")
        return services.record_supervision(
            supervisor, data["supervisee"], recorded_by=request.user, **{name: data[name] for name in fields}
        )

    return _form_view(
        request,
        form,
        record,
        lambda meeting: redirect("mentoring:relationship", pk=meeting.relationship_id),
        success=_("The meeting was recorded."),
        title=_("Record a supervision meeting"),
        back=reverse("mentoring:supervision"),
    )


def _supervision_meeting(request: HttpRequest, pk: int) -> MeetingLog:
    meeting = queries.supervision_log(request.user).filter(pk=pk).first()
    if meeting is None:
        raise Http404(_("No such meeting, or it is not shown to you."))
    return meeting


@login_required
def supervision_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    """A supervision meeting's old address (programs/supervision/<id>/): the meeting on its relationship's page."""
    meeting = _supervision_meeting(request, pk)
    return redirect(reverse("mentoring:relationship", args=[meeting.relationship_id]) + f"#meeting-{meeting.pk}")


@login_required
def supervision_meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _supervision_meeting(request, pk)
    return redirect("mentoring:meeting_edit", pk=meeting.relationship_id, meeting_id=meeting.pk)
