from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notice_list, name="list"),
    path("<int:pk>/open/", views.open_notice, name="open"),
    path("<int:pk>/read/", views.mark_read, name="read"),
    path("read-all/", views.mark_all_read, name="read_all"),
    path("settings/", views.notification_settings, name="settings"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
