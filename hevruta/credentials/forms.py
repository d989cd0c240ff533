from django import forms
from django.utils.translation import gettext_lazy as _

from .badges import PNG_SIGNATURE, unbake
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
        label=_("or upload its file (the JSON, or the badge PNG with the credential inside)"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ".json,.png,application/json,application/ld+json,image/png"}
        ),
    )

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None and upload.size > MAX_INPUT_BYTES:
            raise forms.ValidationError(_("The file is too large to be a credential."))
        if upload is None and not cleaned.get("text", "").strip():
            raise forms.ValidationError(_("Paste a credential or choose its file."))
        if upload is not None:
            data = upload.read()
            if data.startswith(PNG_SIGNATURE):
                baked = unbake(data)
                if baked is None:
                    raise forms.ValidationError(_("This image has no credential baked into it."))
                data = baked
            cleaned["uploaded"] = data
        return cleaned

    def credential_data(self) -> bytes | str:
        """The credential's text: pasted, uploaded as JSON, or baked into an uploaded badge PNG."""
        return self.cleaned_data.get("uploaded") or self.cleaned_data["text"]


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it revoked?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        help_text=_("Shown to anyone who checks the credential."),
    )
