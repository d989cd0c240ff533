"""The events pages: parse, authorize through queries/rules, call a service, render."""

from dataclasses import dataclass
from io import BytesIO
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import date as format_date
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hevruta.core.exports import table_download
from hevruta.core.refusals import tell_refusal
from hevruta.core.search import QueryError, parse_query
from hevruta.core.templatetags.dates import hebrew_date_for
from hevruta.core.templatetags.names import localname
from hevruta.directory.models import Network, Person
from hevruta.directory.queries import viewer_for

from . import calendar, queries, search, services
from .forms import (
    CheckInForm,
    DocumentForm,
    EventForm,
    InviteForm,
    RegistrationForm,
    SessionForm,
    SpeakerForm,
    SummaryForm,
    WalkInForm,
)
from .models import (
    Event,
    EventDocument,
    EventSession,
    EventStatus,
    Registration,
    RegistrationPolicy,
    RegistrationStatus,
    Speaker,
)
from .rules import event_managed_by, may_write_summary
from .templatetags.events_tags import registration_status


def _me(request: HttpRequest) -> Person | None:
    person_id = viewer_for(request.user).person_id
    return Person.objects.filter(pk=person_id).select_related("user").first() if person_id else None


def _event(request: HttpRequest, pk: int, *, manage: bool = False) -> Event:
    event = queries.event_by_id(request.user, pk)
    if event is None:
        raise Http404(_("No such event, or it is not shown to you."))
    if manage and not event_managed_by(request.user, event):
        raise PermissionDenied(_("Only the event's organizers and the network's managers may do this."))
    return event


def _refused(request: HttpRequest, error: ValidationError) -> None:
    tell_refusal(request, error)


def event_list(request: HttpRequest) -> HttpResponse:
    past = request.GET.get("when") == "past"
    viewer = viewer_for(request.user)
    networks = Network.objects.filter(pk__in=viewer.managed_network_ids).order_by("name") if viewer.person_id else []
    rows = _list_rows(request, queries.event_list(request.user, past=past))
    return render(request, "events/list.html", {"rows": rows, "past": past, "networks": networks})


@dataclass
class ListRow:
    """One row of the events list with its text already formatted."""

    event: Event
    url: str
    starts_iso: str
    starts_text: str
    hebrew_date: str
    network_name: str
    own_status: str
    seats_text: str


# A number no event has, to cut the event page's reversed address around the place of its key.
_SOME_PK = 987654321


def _list_rows(request: HttpRequest, events: list[Event]) -> list[ListRow]:
    """The list's rows formatted here rather than by template tags, which were half the page's time
    (docs/benchmarks.md): the address reversed once, each start time, day and network formatted once."""
    head, tail = reverse("events:event", args=[_SOME_PK]).split(str(_SOME_PK))
    starts: dict[Any, tuple[str, str]] = {}
    hebrew: dict[Any, str] = {}
    network_names: dict[int, str] = {}
    seats_format = _("%(taken)s of %(seats)s seats taken")
    rows = []
    for event in events:
        local = timezone.localtime(event.starts_at)
        if local not in starts:
            starts[local] = (format_date(local, "c"), format_date(local, "SHORT_DATETIME_FORMAT"))
        if local.date() not in hebrew:
            hebrew[local.date()] = hebrew_date_for(request.user, local.date())
        if event.network_id is not None and event.network_id not in network_names:
            network_names[event.network_id] = localname(event.network)
        rows.append(
            ListRow(
                event=event,
                url=f"{head}{event.pk}{tail}",
                starts_iso=starts[local][0],
                starts_text=starts[local][1],
                hebrew_date=hebrew[local.date()],
                network_name=network_names.get(event.network_id, "") if event.network_id else "",
                own_status=registration_status(event.my_status),  # type: ignore[attr-defined]
                seats_text=_seats_text(event, seats_format),
            )
        )
    return rows


def _seats_text(event: Event, seats_format: str) -> str:
    if not event.capacity:
        return ""
    taken, seats = formats.localize(event.seats_taken), formats.localize(event.capacity)  # type: ignore[attr-defined]
    return seats_format % {"taken": taken, "seats": seats}


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    if event.cohort_id:
        # A cohort's session has its page in the program, with the cohort's attendance sheet.
        return redirect("programs:session", pk=event.pk)
    page = queries.event_page(request.user, event)
    may_register = (
        viewer_for(request.user).person_id is not None
        and event.status == EventStatus.PUBLISHED
        and not event.has_ended
        and (page.mine is None or page.mine.status in ("invited", "cancelled", "declined"))
        and (
            event.registration_policy != RegistrationPolicy.INVITATION or (page.mine and page.mine.status == "invited")
        )
    )
    return render(
        request,
        "events/event.html",
        {
            "event": event,
            "page": page,
            "may_register": may_register,
            "registration_form": RegistrationForm(event=event) if may_register else None,
            "check_in_form": CheckInForm() if page.mine and page.mine.holds_a_seat else None,
            "is_open": event.is_open_for_check_in(),
            "qr": _qr_svg(request, event) if page.manages else "",
            "may_write_summary": _may_write_summary(request, event, page.manages),
            # Organizers see the holidays of the invited before they publish (docs/calendar.md).
            "holiday_warnings": (
                [calendar.warning_text(o) for o in calendar.holiday_warnings(event)]
                if page.manages and event.status == EventStatus.DRAFT
                else []
            ),
        },
    )


def _qr_svg(request: HttpRequest, event: Event) -> str:
    url = request.build_absolute_uri(reverse("events:check_in", args=[event.pk]) + "?t=" + services.qr_token(event))
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def _may_write_summary(request: HttpRequest, event: Event, manages: bool) -> bool:
    return may_write_summary(request.user, event, manages)


@login_required
def event_create(request: HttpRequest, network_slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=network_slug)
    viewer = viewer_for(request.user)
    if not (viewer.is_operator or network.pk in viewer.managed_network_ids):
        raise PermissionDenied(_("Only the network's managers may add its events."))
    form = EventForm(request.POST or None, network=network, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(_input(form), by=_me(request), network=network)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The event was saved as a draft: publish it when it is ready."))
            return redirect("events:event", pk=event.pk)
    return render(request, "events/form.html", {"form": form, "title": _("New event"), "back": reverse("events:list")})


def _input(form: EventForm) -> services.EventInput:
    data = form.cleaned_data
    return services.EventInput(
        title=data["title"],
        kind=data["kind"],
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        description=data["description"],
        description_language=data["description_language"],
        description_en=data["description_en"],
        description_ar=data["description_ar"],
        address=data["address"],
        online_url=data["online_url"],
        locality_id=data["locality"].pk if data["locality"] else None,
        visibility=data["visibility"],
        registration_policy=data["registration_policy"],
        capacity=data["capacity"],
        registration_closes_at=data["registration_closes_at"],
        offer_hours=data["offer_hours"],
        asks_dietary_needs=data["asks_dietary_needs"],
        asks_accessibility_needs=data["asks_accessibility_needs"],
        series_id=data["series"].pk if data["series"] else None,
        community_id=data["community"].pk if data.get("community") else None,
    )


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk, manage=True)
    form = EventForm(
        request.POST or None, network=event.network, user=request.user, initial=EventForm.initial_for(event)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(event, _input(form), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("events:event", pk=event.pk)
    back = reverse("events:event", args=[pk])
    return render(request, "events/form.html", {"form": form, "title": _("Edit the event"), "back": back})


@login_required
@require_POST
def event_publish(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk, manage=True)
    try:
        if request.POST.get("cancel"):
            services.cancel_event(event, by=request.user)
            messages.success(request, _("The event was cancelled; those registered were told."))
        else:
            services.publish_event(event)
            messages.success(request, _("The event is published."))
    except ValidationError as error:
        tell_refusal(request, error)
    return redirect("events:event", pk=pk)


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    person = _me(request)
    if person is None:
        raise PermissionDenied(_("Only people of the directory can register."))
    form = RegistrationForm(request.POST, event=event)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect("events:event", pk=pk)
    session = form.cleaned_data.get("session")
    answers = services.Answers(
        session_id=session.pk if session else None,
        dietary_needs=form.cleaned_data.get("dietary_needs", ""),
        accessibility_needs=form.cleaned_data.get("accessibility_needs", ""),
    )
    try:
        registration = services.register(event, person, answers)
    except ValidationError as error:
        tell_refusal(request, error)
    else:
        messages.success(request, _status_message(registration))
    return redirect("events:event", pk=pk)


def _status_message(registration: Registration) -> str:
    if registration.status == RegistrationStatus.WAITLISTED:
        return _("The event is full: you are on the waitlist. We will tell you when a seat frees.")
    if registration.status == RegistrationStatus.PENDING:
        return _("Your registration waits for the organizers' approval.")
    return _("You are registered.")


def _own_registration(request: HttpRequest, event: Event) -> Registration:
    person_id = viewer_for(request.user).person_id
    registration = Registration.objects.filter(event=event, person_id=person_id or 0).first()
    if registration is None:
        raise Http404(_("You are not registered for this event."))
    return registration


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    try:
        services.cancel_registration(_own_registration(request, event), by=request.user)
        messages.success(request, _("Your registration was cancelled."))
    except ValidationError as error:
        tell_refusal(request, error)
    return redirect("events:event", pk=pk)


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    try:
        services.confirm_offer(_own_registration(request, event))
        messages.success(request, _("Your seat is confirmed."))
    except ValidationError as error:
        tell_refusal(request, error)
    return redirect("events:event", pk=pk)


@login_required
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    """Where the event's QR code leads (GET shows a button, so a link preview checks nobody in), and
    where the code typed in the room is sent."""
    event = _event(request, pk)
    token = request.POST.get("t") or request.GET.get("t", "")
    if request.method != "POST":
        return render(request, "events/check_in.html", {"event": event, "token": token})
    person = _me(request)
    if person is None:
        raise PermissionDenied(_("Only people of the directory can check in."))
    form = CheckInForm(request.POST)
    code = request.POST.get("code", "") if not token else ""
    if not token and not form.is_valid():
        messages.error(request, _("Type the code shown in the room."))
        return redirect("events:event", pk=pk)
    try:
        services.check_in(event, person, code=code, token=token)
        messages.success(request, _("You are checked in. Welcome!"))
    except ValidationError as error:
        tell_refusal(request, error)
    return redirect("events:event", pk=pk)


@login_required
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    """The organizers' list: check people in from a phone, add walk-ins, answer pending requests."""
    event = _event(request, pk, manage=True)
    return render(
        request,
        "events/participants.html",
        {
            "event": event,
            "registrations": queries.participants(event),
            "walk_ins": queries.walk_ins(event),
            "walk_in_form": WalkInForm(),
            "invite_form": InviteForm(),
            "is_open": event.is_open_for_check_in(),
        },
    )


@login_required
@require_POST
def participant_action(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    event = _event(request, pk, manage=True)
    registration = get_object_or_404(Registration.objects.select_related("person"), pk=registration_pk, event=event)
    action = request.POST.get("action")
    try:
        if action in ("present", "absent"):
            services.mark_present(event, registration.person, action == "present", by=request.user)
        elif action in ("approve", "decline"):
            services.answer_registration(registration, accept=action == "approve", by=request.user)
        elif action == "cancel":
            services.cancel_registration(registration, by=request.user)
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as error:
        tell_refusal(request, error)
    return redirect(reverse("events:participants", args=[pk]) + f"#r{registration_pk}")


@login_required
@require_POST
def add_walk_in(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk, manage=True)
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            services.walk_in(event, form.cleaned_data["person"], by=request.user)
            messages.success(request, _("Marked present as a walk-in."))
        except ValidationError as error:
            tell_refusal(request, error)
    else:
        messages.error(request, " ".join(str(e) for e in form.errors.get("person", [])))
    return redirect("events:participants", pk=pk)


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk, manage=True)
    form = InviteForm(request.POST)
    if form.is_valid():
        services.invite(event, [form.cleaned_data["person"]], by=request.user)
        messages.success(request, _("Invited."))
    else:
        messages.error(request, " ".join(str(e) for e in form.errors.get("person", [])))
    return redirect("events:participants", pk=pk)


@login_required
def attendance_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404(_("The attendance list comes as CSV or XLSX."))
    event = _event(request, pk, manage=True)
    header, rows = queries.attendance_table(event)
    return table_download(header, rows, fmt, f"attendance-{event.pk}", title=_("Attendance"))


@login_required
def summary(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    manages = event_managed_by(request.user, event)
    if not _may_write_summary(request, event, manages):
        raise PermissionDenied(_("The organizers, or the participant they named, write the summary after the event."))
    form = SummaryForm(
        request.POST or None, initial={"title": _("Insights and recommendations: %(event)s") % {"event": event.title}}
    )
    if request.method == "POST" and form.is_valid():
        person = _me(request)
        try:
            services.write_summary(event, person, **form.cleaned_data)  # type: ignore[arg-type]
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else ValidationError(str(error)))
        else:
            messages.success(request, _("The summary was sent to the network's curators for review."))
            return redirect("events:event", pk=pk)
    back = reverse("events:event", args=[pk])
    return render(request, "events/form.html", {"form": form, "title": _("Summary of the event"), "back": back})


def series_detail(request: HttpRequest, pk: int) -> HttpResponse:
    series = queries.series_visible_to(request.user).filter(pk=pk).select_related("network").first()
    if series is None:
        raise Http404(_("No such series, or it is not shown to you."))
    return render(
        request, "events/series.html", {"page": queries.series_page(request.user, series), "now": timezone.now()}
    )


# The agenda: sessions, speakers, documents (the event's organizers) -----------------------------------


SPEAKER_FIELDS = ("person", "guest_name", "affiliation", "role")


def _session_of(event: Event, session_pk: int) -> EventSession:
    return get_object_or_404(EventSession, pk=session_pk, event=event)


@login_required
def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """The organizers' agenda: add a session or a document; each session links to its own page."""
    event = _event(request, pk, manage=True)
    session_form = SessionForm(request.POST if request.POST.get("form") == "session" else None)
    document_form = DocumentForm(request.POST if request.POST.get("form") == "document" else None)
    if request.method == "POST":
        form = session_form if request.POST.get("form") == "session" else document_form
        if form.is_valid():
            try:
                if form is session_form:
                    services.add_session(event, **form.cleaned_data)
                    messages.success(request, _("The session was added to the agenda."))
                else:
                    services.add_document(event, **form.cleaned_data)
                    messages.success(request, _("The document was added."))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("events:agenda", pk=pk)
    page = queries.event_page(request.user, event)
    context = {"event": event, "page": page, "session_form": session_form, "document_form": document_form}
    return render(request, "events/agenda.html", context, status=400 if request.method == "POST" else 200)


@login_required
def session_edit(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    """One session: change it, add or remove its speakers."""
    event = _event(request, pk, manage=True)
    session = _session_of(event, session_pk)
    form = SessionForm(request.POST or None, initial=SessionForm.initial_for(session))
    speaker_form = SpeakerForm(request.POST if request.POST.get("form") == "speaker" else None)
    if request.method == "POST":
        chosen = speaker_form if request.POST.get("form") == "speaker" else form
        if chosen.is_valid():
            try:
                if chosen is speaker_form:
                    data = speaker_form.cleaned_data
                    services.add_speaker(
                        session, **{k: data[k] for k in ("person", "guest_name", "affiliation", "role")}
                    )
                    messages.success(request, _("The speaker was added."))
                else:
                    services.update_session(session, **form.cleaned_data)
                    messages.success(request, _("The session was saved."))
            except ValidationError as error:
                chosen.add_error(None, error)
            else:
                return redirect("events:session_edit", pk=pk, session_pk=session_pk)
    if request.POST.get("form") == "speaker":
        form = SessionForm(initial=SessionForm.initial_for(session))
    speakers = session.speakers.select_related("person")
    context = {"event": event, "session": session, "form": form, "speaker_form": speaker_form, "speakers": speakers}
    return render(request, "events/session.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def session_remove(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    event = _event(request, pk, manage=True)
    try:
        services.remove_session(_session_of(event, session_pk))
        messages.success(request, _("The session was removed from the agenda."))
    except ValidationError as error:
        tell_refusal(request, error)
    return redirect("events:agenda", pk=pk)


@login_required
@require_POST
def speaker_remove(request: HttpRequest, pk: int, session_pk: int, speaker_pk: int) -> HttpResponse:
    event = _event(request, pk, manage=True)
    speaker = get_object_or_404(Speaker, pk=speaker_pk, session=_session_of(event, session_pk))
    services.remove_speaker(speaker)
    messages.success(request, _("The speaker was removed."))
    return redirect("events:session_edit", pk=pk, session_pk=session_pk)


@login_required
@require_POST
def document_remove(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    event = _event(request, pk, manage=True)
    services.remove_document(get_object_or_404(EventDocument, pk=document_pk, event=event))
    messages.success(request, _("The document was removed."))
    return redirect("events:agenda", pk=pk)


def search_page(request: HttpRequest) -> HttpResponse:
    """Events found by their words, with their date and place; only those the reader may see."""
    text = request.GET.get("q", "")
    context: dict[str, Any] = {"query": text, "found": None}
    if text.strip():
        try:
            query = parse_query(text.replace("\x00", ""))
        except QueryError as error:
            context["error"] = error.message
            return render(request, "events/search.html", context, status=400)
        context["found"] = search.find(request.user, query, limit=20)
    return render(request, "events/search.html", context)
