"""Operators' view of the knowledge tables. Content changes belong on the site, through the services."""

from django.contrib import admin

from . import models


class AttachmentInline(admin.TabularInline):
    model = models.Attachment
    extra = 0
    fields = ["original_name", "file_type", "size", "extraction"]
    readonly_fields = ("original_name", "file_type", "size", "extraction")


@admin.register(models.Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "network", "status", "language", "version", "use_count", "published_at"]
    list_filter = ["status", "kind", "language", "licence"]
    search_fields = ["title"]
    raw_id_fields = ["network", "created_by", "adapted_from"]
    readonly_fields = ["body_html", "version", "use_count"]
    inlines = [AttachmentInline]


@admin.register(models.Curator)
class CuratorAdmin(admin.ModelAdmin):
    list_display = ["person", "network", "created_at"]
    raw_id_fields = ["person", "network", "added_by"]


@admin.register(models.UseReport)
class UseReportAdmin(admin.ModelAdmin):
    list_display = ["resource", "used_on", "students", "rating", "is_public"]
    raw_id_fields = ["resource", "reporter", "locality", "adaptation"]


@admin.register(models.Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "visibility", "network"]
    raw_id_fields = ["owner", "network"]
