"""Renders a form field's widget with Bootstrap's classes, for allauth's forms that we do not define."""

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()

# Addresses, passwords and numbers read left to right even on a right-to-left page.
_LTR_INPUTS = {"email", "password", "url", "tel", "number"}


def _css_class(widget: forms.Widget) -> str:
    if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


@register.filter
def bootstrap(field: BoundField) -> SafeString:
    """The widget as Django renders it (value, autocomplete, aria-describedby kept), plus Bootstrap's class."""
    widget = field.field.widget
    classes = [widget.attrs.get("class", ""), _css_class(widget), "is-invalid" if field.errors else ""]
    attrs: dict[str, str | bool] = {"class": " ".join(name for name in classes if name)}
    input_type = getattr(widget, "input_type", "")
    if input_type in _LTR_INPUTS:
        attrs["dir"] = "ltr"
    elif input_type == "text" or isinstance(widget, forms.Textarea):
        attrs["dir"] = "auto"
    return field.as_widget(attrs=attrs)
