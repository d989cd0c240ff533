from django.contrib import admin

from .models import Notice, NoticePreference


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["kind", "recipient", "created_at", "read_at", "email", "emailed_at"]
    list_filter = ["kind", "email"]
    raw_id_fields = ["recipient", "actor"]
    search_fields = ["recipient__email", "kind"]
    date_hierarchy = "created_at"


@admin.register(NoticePreference)
class NoticePreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "email"]
    list_filter = ["kind", "email"]
    raw_id_fields = ["user"]
