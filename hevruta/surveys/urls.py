from django.urls import path

from hevruta.outcomes import urls as outcomes_urls  # noqa: F401 - registers the "scope" converter

from . import views

app_name = "surveys"
urlpatterns = [
    path("<scope:kind>/<str:slug>/", views.survey_list, name="list"),
    path("<scope:kind>/<str:slug>/new/", views.survey_create, name="create"),
    path("<int:pk>/", views.survey_detail, name="survey"),
    path("<int:pk>/changes-by-person/", views.person_changes, name="person_changes"),
    path("<int:pk>/questions/new/", views.question_add, name="question_add"),
    path("<int:pk>/questions/<int:question_pk>/edit/", views.question_edit, name="question_edit"),
    path("<int:pk>/questions/<int:question_pk>/delete/", views.question_delete, name="question_delete"),
    path("<int:pk>/questions/<int:question_pk>/move/", views.question_move, name="question_move"),
    path("<int:pk>/send/", views.send, name="send"),
    path("<int:pk>/remind/", views.remind, name="remind"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/answer/", views.answer, name="answer"),
]
