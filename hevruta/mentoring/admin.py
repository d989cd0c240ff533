"""Operators' view of mentoring: programs, applications, runs and relationships, read-mostly. Meetings'
summaries, private notes and assessments are left out altogether: they are the pair's."""

from django.contrib import admin

from . import models


@admin.register(models.MentoringProgram)
class MentoringProgramAdmin(admin.ModelAdmin):
    list_display = ["program", "starts_on", "ends_on", "application_deadline", "default_capacity"]


@admin.register(models.Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["person", "program", "side", "capacity", "status"]
    list_filter = ["side", "status"]
    readonly_fields = ["person", "program", "side", "answers"]


@admin.register(models.MatchingRun)
class MatchingRunAdmin(admin.ModelAdmin):
    list_display = ["program", "status", "created_at", "total_score", "blocking_pairs", "proven_optimal"]
    readonly_fields = [field.name for field in models.MatchingRun._meta.fields]


@admin.register(models.Relationship)
class RelationshipAdmin(admin.ModelAdmin):
    list_display = ["mentor", "mentee", "program", "kind", "state", "starts_on", "ends_on"]
    list_filter = ["kind", "state"]
    readonly_fields = ["mentor", "mentee", "program", "kind", "run"]
