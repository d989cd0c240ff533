from django.contrib import admin

from . import models


@admin.register(models.Locality)
class LocalityAdmin(admin.ModelAdmin):
    list_display = ["name_he", "name_en", "cbs_code", "district", "peripherality_cluster", "population"]
    list_filter = ["district", "peripherality_cluster"]
    search_fields = ["name_he", "name_en", "name_ar", "cbs_code"]


@admin.register(models.Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "sector", "locality"]
    list_filter = ["kind", "sector"]
    search_fields = ["name", "name_en", "name_ar"]
    autocomplete_fields = ["locality", "parent"]


class PositionInline(admin.TabularInline):
    model = models.Position
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["family_name", "given_name", "email", "profile_visibility"]
    list_filter = ["profile_visibility"]
    search_fields = ["family_name", "given_name", "email"]
    raw_id_fields = ["user", "locality"]
    inlines = [PositionInline]


class MembershipInline(admin.TabularInline):
    model = models.NetworkMembership
    extra = 0
    raw_id_fields = ["person"]


@admin.register(models.Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_public"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [MembershipInline]


for vocabulary in (models.Subject, models.GradeBand, models.Topic, models.Language):
    admin.site.register(vocabulary, search_fields=["name_he", "name_en", "name_ar"])


@admin.register(models.RosterImport)
class RosterImportAdmin(admin.ModelAdmin):
    list_display = ["original_name", "network", "status", "total_rows", "created_at"]
    list_filter = ["status"]
    # The file itself is private and has no address (hevruta/core/files.py); its name is shown.
    exclude = ["file"]
    readonly_fields = ["original_name", "errors", "summary"]
