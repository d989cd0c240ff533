from django.contrib import admin

from . import models


class SessionInline(admin.TabularInline):
    model = models.EventSession
    extra = 0


@admin.register(models.Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "network", "cohort", "starts_at", "status", "visibility"]
    list_filter = ["kind", "status", "visibility"]
    search_fields = ["title"]
    readonly_fields = ["check_in_code"]
    raw_id_fields = ["network", "organization", "program", "cohort", "series", "locality", "summary_writer", "summary"]
    filter_horizontal = ["organizers", "host_organizations"]
    inlines = [SessionInline]


@admin.register(models.Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "network"]
    raw_id_fields = ["network"]
    filter_horizontal = ["members"]


@admin.register(models.Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["person", "event", "status", "queue_number", "offer_expires_at"]
    list_filter = ["status"]
    raw_id_fields = ["person", "event", "session"]


@admin.register(models.Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["person", "event", "present", "method"]
    raw_id_fields = ["person", "event"]
