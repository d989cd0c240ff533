from django.urls import path, register_converter

from . import views


class ScopeKind:
    regex = "program|network"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ScopeKind, "scope")

app_name = "outcomes"
urlpatterns = [
    path("<scope:kind>/<str:slug>/", views.logic_model, name="logic_model"),
    path("<scope:kind>/<str:slug>/goals/new/", views.goal_add, name="goal_add"),
    path("<scope:kind>/<str:slug>/objectives/new/", views.objective_add, name="objective_add"),
    path("<scope:kind>/<str:slug>/indicators/new/", views.indicator_add, name="indicator_add"),
    path("<scope:kind>/<str:slug>/indicators/<int:pk>/targets/new/", views.target_add, name="target_add"),
    path(
        "<scope:kind>/<str:slug>/indicators/<int:pk>/measurements/new/", views.measurement_add, name="measurement_add"
    ),
    path("<scope:kind>/<str:slug>/indicators/<int:pk>/measure/", views.measure_now, name="measure_now"),
    path("<scope:kind>/<str:slug>/indicators/<int:pk>/remove/", views.indicator_remove, name="indicator_remove"),
    path("<scope:kind>/<str:slug>/milestones/new/", views.milestone_add, name="milestone_add"),
    path("<scope:kind>/<str:slug>/milestones/<int:pk>/done/", views.milestone_done, name="milestone_done"),
]
