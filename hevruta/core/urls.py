from django.urls import path

from . import views
from .jobs import views as job_views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("search/", views.search, name="search"),
    path("jobs/<int:pk>/", job_views.job, name="job"),
]
