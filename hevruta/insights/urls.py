from django.urls import path

from hevruta.outcomes import urls as outcomes_urls  # noqa: F401 - registers the "scope" converter

from . import views

app_name = "insights"
urlpatterns = [
    path("<scope:kind>/<str:slug>/", views.dashboard_page, name="dashboard"),
    path("<scope:kind>/<str:slug>/readers/", views.readers, name="readers"),
    path("<scope:kind>/<str:slug>/report.<str:fmt>", views.export, name="export"),
]
