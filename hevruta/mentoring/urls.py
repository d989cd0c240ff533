from django.urls import path

from . import views

app_name = "mentoring"

urlpatterns = [
    path("", views.program_list, name="list"),
    path("new/", views.program_create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("supervision/", views.supervision, name="supervision"),
    path("supervision/new/", views.supervision_create, name="supervision_create"),
    path("supervision/<int:pk>/", views.supervision_meeting, name="supervision_meeting"),
    path("supervision/<int:pk>/edit/", views.supervision_meeting_edit, name="supervision_meeting_edit"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("requests/<int:pk>/answer/", views.answer_match_request, name="answer_request"),
    path("relationships/<int:pk>/", views.relationship_page, name="relationship"),
    path("relationships/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("relationships/<int:pk>/meetings/<int:meeting_id>/edit/", views.meeting_edit, name="meeting_edit"),
    path("relationships/<int:pk>/notes/new/", views.note_create, name="note_create"),
    path("relationships/<int:pk>/goals/new/", views.goal_create, name="goal_create"),
    path("relationships/<int:pk>/milestones/<int:milestone_id>/done/", views.milestone_done, name="milestone_done"),
    path("relationships/<int:pk>/assessment/", views.assessment_edit, name="assessment"),
    path(
        "relationships/<int:pk>/assessments/<int:assessment_id>/respond/",
        views.assessment_respond,
        name="assessment_respond",
    ),
    path("relationships/<int:pk>/close/", views.close, name="close"),
    path("<str:slug>/", views.program_page, name="program"),
    path("<str:slug>/settings/", views.program_settings, name="settings"),
    path("<str:slug>/apply/<str:side>/", views.apply, name="apply"),
    path("<str:slug>/applications/", views.applications, name="applications"),
    path("<str:slug>/applications/<int:pk>/ask/", views.request_match, name="request_match"),
    path("<str:slug>/matching/", views.matching, name="matching"),
    path("<str:slug>/matching/run/", views.run_matching, name="run"),
    path("<str:slug>/matching/<str:kind>/", views.constrain, name="constrain"),
    path("<str:slug>/matching/constraints/<int:pk>/remove/", views.remove_constraint, name="remove_constraint"),
    path("<str:slug>/matching/runs/<int:run_id>/publish/", views.publish, name="publish"),
    path("<str:slug>/relationships/", views.relationships, name="relationships"),
    path(
        "<str:slug>/relationships/export.<str:file_format>",
        views.relationships_export,
        name="relationships_export",
    ),
]
