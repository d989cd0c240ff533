"""Consultation pages: parse, authorize, call a service or a query, render."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hevruta.core.pagination import paginate
from hevruta.core.refusals import tell_refusal
from hevruta.directory.models import Network, Organization, Person
from hevruta.directory.queries import is_network_manager, network_by_slug, viewer_for

from . import queries, services
from .forms import (
    AnswerForm,
    CloseForm,
    ConsultationFilterForm,
    ConsultationForm,
    FollowUpEventForm,
    HelperRatingForm,
    InviteForm,
    ReplyForm,
)
from .models import Answer, Consultation, ConsultationInvitation
from .suggestions import suggest


def _me(request: HttpRequest) -> Person:
    person_id = viewer_for(request.user).person_id
    person = Person.objects.filter(pk=person_id).select_related("user").first() if person_id else None
    if person is None:
        raise PermissionDenied(_("You need a profile in the directory to take part in consultations."))
    return person


def _consultation(request: HttpRequest, pk: int) -> Consultation:
    consultation = queries.consultation_page(request.user, pk)
    if consultation is None:
        raise Http404(_("No such consultation, or it is not shown to you."))
    return consultation


@login_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    form = ConsultationFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = queries.ConsultationFilter(
        query=data.get("q") or "",
        topic=data.get("topic") or "",
        status=data.get("status") or "",
        mine=bool(data.get("mine")),
    )
    found = queries.search_consultations(request.user, filters)
    return render(
        request,
        "consultations/list.html",
        {
            "form": form,
            "page": paginate(found, request.GET.get("page")),
            "networks": queries.networks_to_ask(request.user),
        },
    )


def _network_to_ask(request: HttpRequest) -> Network:
    networks = queries.networks_to_ask(request.user)
    chosen = request.GET.get("network") or ""
    network = networks.filter(slug=chosen).first() if chosen else networks.first()
    if network is None:
        raise PermissionDenied(_("Only members of a network ask it for a consultation."))
    return network


# What the asker writes, the same on asking and on editing a draft; the organization is chosen apart.
DRAFT_FIELDS = ("topic", "title", "description", "tried", "help_kinds", "thread")


def _draft(data: dict[str, Any], organizations: list[Organization]) -> dict[str, Any]:
    """The form's answers as the keyword arguments of services.ask and services.edit_draft."""
    draft = {field: data[field] for field in DRAFT_FIELDS}
    draft["organization"] = next((o for o in organizations if o.pk == data["organization"]), None)
    draft["publish"] = data["publish"]
    return draft


@login_required
def consultation_create(request: HttpRequest) -> HttpResponse:
    asker = _me(request)
    network = _network_to_ask(request)
    organizations = list(queries.organizations_represented_by(asker.pk))
    form = ConsultationForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.ask(asker, network, **_draft(form.cleaned_data, organizations))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your consultation was saved."))
            return redirect("consultations:detail", pk=consultation.pk)
    return render(
        request,
        "consultations/form.html",
        {"form": form, "network": network, "networks": queries.networks_to_ask(request.user)},
    )


@login_required
def consultation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Its asker edits a draft; anyone else who may read it is refused, the others do not find it."""
    consultation = _consultation(request, pk)
    asker = _me(request)
    if consultation.asker_id != asker.pk or consultation.status != "draft":
        raise PermissionDenied(_("Only a draft can be edited; an open consultation stays as it was asked."))
    organizations = list(queries.organizations_represented_by(asker.pk))
    initial = {field: getattr(consultation, field) for field in DRAFT_FIELDS}
    initial |= {"organization": consultation.organization_id, "publish": False}
    form = ConsultationForm(request.POST or None, organizations=organizations, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_draft(consultation, asker, **_draft(form.cleaned_data, organizations))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your consultation was saved."))
            return redirect("consultations:detail", pk=consultation.pk)
    context = {"form": form, "network": consultation.network, "networks": [], "consultation": consultation}
    return render(request, "consultations/form.html", context, status=400 if request.method == "POST" else 200)


def _page_context(request: HttpRequest, consultation: Consultation) -> dict[str, Any]:
    viewer = viewer_for(request.user)
    person_id = viewer.person_id
    is_asker = consultation.asker_id == person_id
    mine = queries.invitation_of(consultation, person_id)
    context: dict[str, Any] = {
        "consultation": consultation,
        "is_asker": is_asker,
        "my_invitation": mine,
        "may_reply": consultation.is_active
        and (
            is_asker
            or (mine is not None and mine.answer != Answer.DECLINED)
            or (consultation.thread == "open" and consultation.network_id in viewer.network_ids)
        ),
        "reply_form": ReplyForm(),
        "helpers": [i for i in consultation.invitations.all() if i.answer == Answer.OFFERED],
        "endorsed_ids": {
            (e.person_id, e.organization_id) for e in consultation.endorsements.all() if e.endorser_id == person_id
        },
    }
    if is_asker and consultation.is_active:
        suggestions = suggest(consultation)
        context["suggestions"] = suggestions
        context["invite_form"] = InviteForm(
            choices=[(s.person.pk, s.person.full_name) for s in suggestions if not s.invited]
        )
        context["close_form"] = CloseForm()
    if is_asker and consultation.is_closed and consultation.follow_up and consultation.event_id is None:
        context["event_form"] = FollowUpEventForm()
    if mine is not None and mine.answer == Answer.INVITED and consultation.is_active:
        context["answer_form"] = AnswerForm()
    if mine is not None and mine.answer == Answer.OFFERED and consultation.is_closed and mine.helper_rating is None:
        context["rating_form"] = HelperRatingForm()
    return context


@login_required
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    return render(request, "consultations/detail.html", _page_context(request, consultation))


def _acting(
    action: Callable[[HttpRequest, Consultation, Person], str | None],
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A POST on a consultation: the service's refusal becomes a message, and the page is shown again."""

    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        consultation = _consultation(request, pk)
        person = _me(request)
        try:
            done = action(request, consultation, person)
        except ValidationError as error:
            tell_refusal(request, error)
        else:
            if done:
                messages.success(request, done)
        return redirect("consultations:detail", pk=pk)

    view.__name__ = action.__name__
    return view


def _form_errors(form: Any) -> ValidationError:
    return ValidationError([message for errors in form.errors.values() for message in errors])


@_acting
def publish(request: HttpRequest, consultation: Consultation, person: Person) -> str:
    services.publish(consultation, person)
    return _("The consultation is open: invite peers from the suggestions.")


@_acting
def invite(request: HttpRequest, consultation: Consultation, person: Person) -> str:
    suggestions = {s.person.pk: s for s in suggest(consultation)} if consultation.is_active else {}
    form = InviteForm(request.POST, choices=[(pk, s.person.full_name) for pk, s in suggestions.items()])
    if not form.is_valid():
        # Someone not among the suggestions (hidden from the asker, say) is refused here already.
        raise _form_errors(form)
    chosen = [suggestions[pk] for pk in form.cleaned_data["people"]]
    services.invite(
        consultation,
        person,
        [s.person for s in chosen],
        organizations={s.person.pk: s.organization for s in chosen if s.organization},
        message=form.cleaned_data["message"],
    )
    return _("The invitations were sent.")


def _my_invitation(consultation: Consultation, person: Person) -> ConsultationInvitation:
    invitation = queries.invitation_of(consultation, person.pk)
    if invitation is None:
        raise PermissionDenied(_("You were not invited to this consultation."))
    return invitation


@_acting
def answer(request: HttpRequest, consultation: Consultation, person: Person) -> str:
    form = AnswerForm(request.POST)
    if not form.is_valid():
        raise _form_errors(form)
    offer = request.POST.get("answer") == "offer"
    services.answer(_my_invitation(consultation, person), person, offer=offer, message=form.cleaned_data["message"])
    return _("Thank you: the asker will hear of it.") if offer else _("You declined; the asker will hear of it.")


@_acting
def reply(request: HttpRequest, consultation: Consultation, person: Person) -> str | None:
    form = ReplyForm(request.POST)
    if not form.is_valid():
        raise _form_errors(form)
    services.reply(consultation, person, form.cleaned_data["body"])
    return None


@_acting
def close(request: HttpRequest, consultation: Consultation, person: Person) -> str:
    form = CloseForm(request.POST)
    if not form.is_valid():
        raise _form_errors(form)
    data = form.cleaned_data
    services.close(consultation, person, outcome=data["outcome"], rating=data["rating"], follow_up=data["follow_up"])
    return _("The consultation is closed. Thank you for telling its outcome.")


@_acting
def follow_up_event(request: HttpRequest, consultation: Consultation, person: Person) -> str:
    form = FollowUpEventForm(request.POST)
    if not form.is_valid():
        raise _form_errors(form)
    services.plan_follow_up(
        consultation, person, starts_at=form.cleaned_data["starts_at"], ends_at=form.cleaned_data["ends_at"]
    )
    return _("A draft event was made of the next step: complete it and publish it in events.")


@_acting
def rate(request: HttpRequest, consultation: Consultation, person: Person) -> str:
    form = HelperRatingForm(request.POST)
    if not form.is_valid():
        raise _form_errors(form)
    services.rate_as_helper(
        _my_invitation(consultation, person), person, rating=form.cleaned_data["rating"], note=form.cleaned_data["note"]
    )
    return _("Thank you for your rating.")


@_acting
def endorse(request: HttpRequest, consultation: Consultation, person: Person) -> str:
    invitation_id = request.POST.get("invitation", "")
    invitation = next(
        (i for i in consultation.invitations.all() if str(i.pk) == invitation_id and i.answer == Answer.OFFERED), None
    )
    if invitation is None:
        raise ValidationError(_("Choose a helper of this consultation."))
    services.endorse(invitation, person)
    return _("You endorsed this strength.")


@login_required
def strengths(request: HttpRequest, slug: str) -> HttpResponse:
    """For a network's managers: the gaps (areas many want to develop and few are strong in) and the
    strong members nobody has asked yet."""
    network = network_by_slug(slug)
    if network is None or not is_network_manager(request.user, network):
        raise Http404(_("No such network, or you do not manage it."))
    balances = queries.topic_balance(network)
    return render(
        request,
        "consultations/strengths.html",
        {
            "network": network,
            "gaps": [b for b in balances if b.gap > 0],
            "balances": balances,
            "never_asked": list(queries.strong_never_asked(network)),
        },
    )
