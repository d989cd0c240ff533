from django import forms
from django.utils.translation import gettext_lazy as _

from .verifier import MAX_INPUT_BYTES


class VerifyForm(forms.Form):
    """A credential to verify: pasted as text, or uploaded as the JSON file the holder downloaded."""

    text = forms.CharField(
        label=_("Paste the credential (JSON)"),
        required=False,
        max_length=MAX_INPUT_BYTES,
        widget=forms.Textarea(
            attrs={"rows": 10, "dir": "ltr", "spellcheck": "false", "class": "form-control font-monospace"}
        ),
    )
    file = forms.FileField(
        label=_("or upload its file"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".json,application/json,application/ld+json"}
        ),
    )

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None and upload.size > MAX_INPUT_BYTES:
            raise forms.ValidationError(_("The file is too large to be a credential."))
        if upload is None and not cleaned.get("text", "").strip():
            raise forms.ValidationError(_("Paste a credential or choose its file."))
        return cleaned

    def credential_data(self) -> bytes | str:
        upload = self.cleaned_data.get("file")
        return upload.read() if upload is not None else self.cleaned_data["text"]


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it revoked?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        help_text=_("Shown to anyone who checks the credential."),
    )
