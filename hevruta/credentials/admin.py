"""Operators see keys by their public half only; the encrypted private key is never shown or editable."""

from django.contrib import admin

from . import models


@admin.register(models.IssuerKey)
class IssuerKeyAdmin(admin.ModelAdmin):
    list_display = ["organization", "number", "public_key_multibase", "created_at", "retired_at", "revoked_at"]
    fields = ("organization", "number", "public_key_multibase", "created_at", "retired_at", "revoked_at")
    readonly_fields = fields
    raw_id_fields = ["organization"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # keys are made by services (rotate_issuer_key), never typed in

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(models.IssuedCredential)
class IssuedCredentialAdmin(admin.ModelAdmin):
    list_display = ["name", "recipient_name", "issuer", "issued_at", "revoked_at"]
    list_filter = ["achievement_type"]
    search_fields = ["name", "recipient_name", "recipient_email"]
    raw_id_fields = ["issuer", "recipient", "status_list", "issued_by", "revoked_by"]
    readonly_fields = [field.name for field in models.IssuedCredential._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # issuing signs; it goes through services.issue_credential


@admin.register(models.StatusList)
class StatusListAdmin(admin.ModelAdmin):
    list_display = ["pk", "issuer", "purpose", "size", "signed_at"]
    readonly_fields = ["issuer", "purpose", "size", "signed_credential", "signed_at"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
