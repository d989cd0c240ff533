"""Model fields for names and titles: bidirectional control characters never reach the database.

`NameField` (a CharField) and `TitleTextField` (a TextField) strip them on every write path: model forms
(the form field cleans them before validation, so a name of nothing but controls is "required"),
`full_clean`, `save` and `bulk_create` (through `pre_save`), whatever called them: pages, the API, imports.
In migrations they are plain CharField and TextField: the database holds the same columns.
"""

from typing import Any

from django import forms
from django.db import models

from .text import strip_bidi_controls


class NameFormField(forms.CharField):
    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        return strip_bidi_controls(value).strip() if isinstance(value, str) else value


class _WithoutBidiControls:
    base_path = ""

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)  # type: ignore[misc]
        return strip_bidi_controls(value) if isinstance(value, str) else value

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = getattr(model_instance, self.attname)  # type: ignore[attr-defined]
        if isinstance(value, str):
            cleaned = strip_bidi_controls(value)
            if cleaned != value:
                setattr(model_instance, self.attname, cleaned)  # type: ignore[attr-defined]
            return cleaned
        return value

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()  # type: ignore[misc]
        return name, self.base_path, args, kwargs


class NameField(_WithoutBidiControls, models.CharField):
    """A name or a title on one line."""

    base_path = "django.db.models.CharField"

    def formfield(self, **kwargs: Any) -> Any:
        if not self.choices:
            kwargs.setdefault("form_class", NameFormField)
        return super().formfield(**kwargs)


class TitleTextField(_WithoutBidiControls, models.TextField):
    """A title that may be long (a framework's, a competency's)."""

    base_path = "django.db.models.TextField"
