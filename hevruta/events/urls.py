from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("search/", views.search_page, name="search"),
    path("new/<str:network_slug>/", views.event_create, name="create"),
    path("series/<int:pk>/", views.series_detail, name="series"),
    path("<int:pk>/", views.event_detail, name="event"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/publish/", views.event_publish, name="publish"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/check-in/", views.check_in, name="check_in"),
    path("<int:pk>/participants/", views.participants, name="participants"),
    path("<int:pk>/participants/walk-in/", views.add_walk_in, name="walk_in"),
    path("<int:pk>/participants/invite/", views.invite, name="invite"),
    path("<int:pk>/participants/<int:registration_pk>/", views.participant_action, name="participant_action"),
    path("<int:pk>/attendance.<str:fmt>", views.attendance_export, name="attendance_export"),
    path("<int:pk>/summary/", views.summary, name="summary"),
    path("<int:pk>/agenda/", views.agenda, name="agenda"),
    path("<int:pk>/agenda/<int:session_pk>/", views.session_edit, name="session_edit"),
    path("<int:pk>/agenda/<int:session_pk>/remove/", views.session_remove, name="session_remove"),
    path(
        "<int:pk>/agenda/<int:session_pk>/speakers/<int:speaker_pk>/remove/",
        views.speaker_remove,
        name="speaker_remove",
    ),
    path("<int:pk>/documents/<int:document_pk>/remove/", views.document_remove, name="document_remove"),
]
