from django.urls import path

from . import views

app_name = "consultations"
urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("new/", views.consultation_create, name="create"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("<int:pk>/edit/", views.consultation_edit, name="edit"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("<int:pk>/event/", views.follow_up_event, name="follow_up_event"),
    path("<int:pk>/endorse/", views.endorse, name="endorse"),
    path("networks/<str:slug>/strengths/", views.strengths, name="strengths"),
]
