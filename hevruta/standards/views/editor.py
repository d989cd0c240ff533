"""The framework editor: items, their place in the tree, levels, rubric texts and links. Drafts only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import queries, services
from ..forms import ItemForm, LevelFormSet, LinkForm, MoveForm, RubricForm
from ..models import Association, Definition, DefinitionKind, Framework, Item
from .common import framework_for, item_for

CHANGE = "standards.change_framework"


def _back(framework: Framework, item: Item | None = None) -> HttpResponse:
    anchor = f"#item-{item.pk}" if item is not None else ""
    return redirect(reverse("standards:framework", args=[framework.pk]) + anchor)


def _item_types(framework: Framework) -> list[str]:
    return list(
        Definition.objects.filter(framework=framework, kind=DefinitionKind.ITEM_TYPE).values_list("title", flat=True)
    )


def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    framework = framework_for(request, pk, CHANGE)
    parent_pk = request.GET.get("parent") or request.POST.get("parent")
    parent = item_for(request, framework, int(parent_pk)) if parent_pk and parent_pk.isdecimal() else None
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.add_item(framework, parent=parent, **form.item_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The item was added."))
            return _back(framework, item)
    return render(
        request,
        "standards/item_form.html",
        {"framework": framework, "form": form, "parent": parent, "item_types": _item_types(framework)},
    )


def item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    framework = framework_for(request, pk, CHANGE)
    item = item_for(request, framework, item_pk)
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        fields = form.item_fields()
        item.refresh_from_db()  # the form wrote into the instance; the service decides what changes
        try:
            services.update_item(item, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The item was saved."))
            return _back(framework, item)
    return render(
        request,
        "standards/item_form.html",
        {"framework": framework, "form": form, "item": item, "item_types": _item_types(framework)},
    )


def item_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    framework = framework_for(request, pk, CHANGE)
    item = item_for(request, framework, item_pk)
    below = queries.descendants(queries.child_map(framework), item.pk) | {item.pk}
    parents = [candidate for candidate in framework.items.order_by("id") if candidate.pk not in below]
    form = MoveForm(request.POST or None, parents=parents)
    if request.method == "POST" and form.is_valid():
        parent_pk = form.cleaned_data["parent"]
        parent = get_object_or_404(Item, framework=framework, pk=int(parent_pk)) if parent_pk else None
        position = form.cleaned_data["position"]
        try:
            services.move_item(item, parent=parent, position=position - 1 if position else None)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The item was moved."))
            return _back(framework, item)
    return render(request, "standards/item_move.html", {"framework": framework, "item": item, "form": form})


def item_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    framework = framework_for(request, pk, CHANGE)
    item = item_for(request, framework, item_pk)
    if request.method == "POST":
        count = services.delete_item(item)
        messages.success(request, _("%(count)s items were deleted.") % {"count": count})
        return _back(framework)
    below = queries.descendants(queries.child_map(framework), item.pk)
    return render(
        request, "standards/item_delete.html", {"framework": framework, "item": item, "descendants": len(below)}
    )


def levels_edit(request: HttpRequest, pk: int) -> HttpResponse:
    framework = framework_for(request, pk, CHANGE)
    levels = list(framework.levels.order_by("position"))
    initial = [
        {"pk": level.pk, "name": level.name, "description": level.description, "ORDER": level.position}
        for level in levels
    ]
    formset = LevelFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        # ordered_forms leaves out the deleted and the untouched extra forms; the rest, in the order given.
        rows = [
            services.LevelRow(form.cleaned_data.get("pk"), form.cleaned_data["name"], form.cleaned_data["description"])
            for form in formset.ordered_forms
            if form.cleaned_data.get("name")
        ]
        try:
            services.save_levels(framework, rows)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The performance levels were saved."))
            return _back(framework)
    return render(request, "standards/levels.html", {"framework": framework, "formset": formset})


def rubric_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    framework = framework_for(request, pk, CHANGE)
    item = item_for(request, framework, item_pk)
    levels = list(framework.levels.order_by("position"))
    texts = {text.level_id: text.text for text in item.rubric_texts.all()}
    form = RubricForm(request.POST or None, levels=levels, texts=texts)
    if request.method == "POST" and form.is_valid():
        services.set_rubric_texts(item, form.texts())
        messages.success(request, _("The rubric was saved."))
        return _back(framework, item)
    return render(request, "standards/rubric.html", {"framework": framework, "item": item, "form": form})


def item_links(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Links from an item to items of this or another published framework (exactMatchOf, precedes, ...)."""
    framework = framework_for(request, pk, CHANGE)
    item = item_for(request, framework, item_pk)
    frameworks = list(queries.link_target_frameworks(request.user, framework))
    chosen_pk = request.GET.get("target_framework") or request.POST.get("target_framework") or str(framework.pk)
    chosen = next((f for f in frameworks if str(f.pk) == chosen_pk), framework)
    targets = list(Item.objects.filter(framework=chosen).exclude(pk=item.pk).order_by("id")[:5000])
    form = LinkForm(request.POST or None, targets=targets)
    if request.method == "POST" and form.is_valid():
        target = get_object_or_404(Item, pk=form.cleaned_data["target"], framework=chosen)
        try:
            services.add_link(item, target, form.cleaned_data["association_type"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The link was added."))
            return redirect("standards:item_links", pk=framework.pk, item_pk=item.pk)
    links = (
        Association.objects.filter(framework=framework, origin_item=item)
        .exclude(association_type="isChildOf")
        .select_related("destination_item__framework")
    )
    return render(
        request,
        "standards/links.html",
        {
            "framework": framework,
            "item": item,
            "form": form,
            "frameworks": frameworks,
            "chosen": chosen,
            "links": links,
        },
    )


@require_POST
def link_delete(request: HttpRequest, pk: int, association_pk: int) -> HttpResponse:
    framework = framework_for(request, pk, CHANGE)
    association = get_object_or_404(Association, framework=framework, pk=association_pk)
    try:
        services.delete_link(association)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The link was removed."))
    if association.origin_item_id:
        return redirect("standards:item_links", pk=framework.pk, item_pk=association.origin_item_id)
    return _back(framework)
