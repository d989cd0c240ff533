from django.contrib import admin

from . import models


@admin.register(models.Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "career_track", "track_stage", "framework"]
    list_filter = ["network"]
    search_fields = ["name"]


@admin.register(models.Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "status", "version_number", "identifier", "source"]
    list_filter = ["status", "network"]
    search_fields = ["title", "identifier"]
    # Content is edited through the services, which keep published versions frozen.
    readonly_fields = ["identifier", "uri", "previous", "status", "published_at", "extra", "package_extra"]


@admin.register(models.RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["position", "role", "assigned_at"]
    raw_id_fields = ["position"]
