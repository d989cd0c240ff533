"""Operators' view of programs. Writes belong to the services (and the pages); here most is read-only, and
supervision notes are left out altogether: they are the supervisor's and the supervised teacher's only."""

from django.contrib import admin

from . import models


class GoalInline(admin.TabularInline):
    model = models.ProgramGoal
    extra = 0


class StaffInline(admin.TabularInline):
    model = models.ProgramStaff
    extra = 0
    raw_id_fields = ["person"]


class RequirementInline(admin.TabularInline):
    model = models.Requirement
    extra = 0
    raw_id_fields = ["competency", "min_level"]


@admin.register(models.Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_he", "name_en", "network", "kind", "issuing_organization"]
    list_filter = ["kind", "network"]
    search_fields = ["slug", "name_he", "name_en", "name_ar"]
    raw_id_fields = ["framework", "issuing_organization", "created_by"]
    filter_horizontal = ["roles"]
    inlines = [GoalInline, StaffInline, RequirementInline]


@admin.register(models.Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "start_date", "end_date"]
    list_filter = ["program"]


@admin.register(models.Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["person", "cohort", "organization", "status"]
    list_filter = ["status", "cohort__program"]
    raw_id_fields = ["person", "organization", "cohort"]


@admin.register(models.Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["enrollment", "competency", "status", "revision", "submitted_at"]
    list_filter = ["status"]
    # The file is private and has no address (hevruta/core/files.py): the site's download checks who asks.
    exclude = ["file"]
    readonly_fields = [field.name for field in models.Evidence._meta.fields if field.name != "file"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(models.SupervisionMeeting)
class SupervisionMeetingAdmin(admin.ModelAdmin):
    list_display = ["supervisor", "supervisee", "program", "date", "hours"]
    exclude = ["notes", "notes_language"]
    readonly_fields = ["supervisor", "supervisee", "program", "date", "hours", "created_by"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(models.AccreditationDecision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["enrollment", "decision", "decided_by_name", "decided_at"]
    list_filter = ["decision"]
    readonly_fields = [field.name for field in models.AccreditationDecision._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(models.RoleAccreditation)
class RoleAccreditationAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "granted_at"]
    readonly_fields = ["person", "role", "decision", "granted_at"]


@admin.register(models.ProgramCredential)
class ProgramCredentialAdmin(admin.ModelAdmin):
    list_display = ["enrollment", "kind", "credential", "issued_at"]
    readonly_fields = ["enrollment", "kind", "decision", "competency", "credential", "issued_at"]
