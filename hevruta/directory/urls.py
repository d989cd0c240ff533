from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("me/", views.my_profile, name="my_profile"),
    path("organizations/", views.organizations, name="organizations"),
    path("organizations/<int:pk>/", views.organization, name="organization"),
    path("localities/", views.localities, name="localities"),
    path("localities/<int:pk>/", views.locality, name="locality"),
    path("networks/", views.networks, name="networks"),
    path("networks/<str:slug>/", views.network, name="network"),
    path("networks/<str:slug>/join/", views.join_network, name="join_network"),
    path("networks/<str:slug>/leave/", views.leave_network, name="leave_network"),
    path("networks/<str:slug>/joining/", views.network_joining, name="network_joining"),
    path("join-requests/<int:pk>/answer/", views.answer_join_request, name="answer_join_request"),
    path("join-requests/<int:pk>/withdraw/", views.withdraw_join_request, name="withdraw_join_request"),
    path("invitations/<int:pk>/withdraw/", views.withdraw_invitation, name="withdraw_invitation"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("networks/<str:slug>/members.<str:file_format>", views.network_export, name="network_export"),
    path("networks/<str:slug>/import/", views.roster_upload, name="roster_upload"),
    path("networks/<str:slug>/import/<int:pk>/", views.roster_import, name="roster_import"),
    path("networks/<str:slug>/import/<int:pk>/confirm/", views.roster_confirm, name="roster_confirm"),
    path("networks/<str:slug>/import/<int:pk>/retry/", views.roster_retry, name="roster_retry"),
    path("networks/<str:slug>/import/<int:pk>/discard/", views.roster_discard, name="roster_discard"),
]
