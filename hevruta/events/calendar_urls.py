"""The calendar side of events (hevruta/events/calendar_views.py), under /events/."""

from django.urls import path

from . import calendar_views as views

app_name = "events_calendar"
urlpatterns = [
    path("<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("<int:pk>/certificate.pdf", views.event_certificate, name="event_certificate"),
    path("series/<int:pk>/certificate.pdf", views.series_certificate, name="series_certificate"),
    path("certificates/<str:token>/", views.verify_certificate, name="verify_certificate"),
    path("calendar/", views.calendar_settings, name="settings"),
    path("calendar/reset/", views.reset_feed, name="reset_feed"),
    path("calendar/network/<slug:slug>.ics", views.network_feed, name="network_feed"),
    path("calendar/community/<int:pk>.ics", views.community_feed, name="community_feed"),
    path("calendar/<str:token>/my.ics", views.my_feed, name="my_feed"),
    path("calendar/<str:token>/community/<int:pk>.ics", views.community_feed, name="my_community_feed"),
    path("calendar/<str:token>/network/<slug:slug>.ics", views.network_feed, name="my_network_feed"),
]
