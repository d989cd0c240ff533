from django.urls import path

from . import views

app_name = "communities"
urlpatterns = [
    path("", views.community_list, name="list"),
    path("new/", views.community_create, name="create"),
    path("search/", views.search_page, name="search"),
    path("my-posts/", views.my_posts, name="my_posts"),
    path("<int:pk>/", views.community_detail, name="community"),
    path("<int:pk>/edit/", views.community_edit, name="edit"),
    path("<int:pk>/threads/", views.thread_create, name="thread_create"),
    path("<int:pk>/join/", views.join, name="join"),
    path("<int:pk>/leave/", views.leave, name="leave"),
    path("<int:pk>/members/", views.members, name="members"),
    path("<int:pk>/members/invite/", views.invite, name="invite"),
    path("<int:pk>/members/<int:person_pk>/<str:action>/", views.member_action, name="member_action"),
    path("<int:pk>/share/", views.share, name="share"),
    path("threads/<int:pk>/", views.thread_detail, name="thread"),
    path("threads/<int:pk>/reply/", views.thread_reply, name="reply"),
    path("threads/<int:pk>/<str:action>/", views.thread_moderate, name="thread_moderate"),
    path("posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:pk>/<str:action>/", views.post_action, name="post_action"),
    path("files/<int:attachment_pk>/<str:name>", views.attachment_download, name="attachment"),
    path("networks/<str:slug>/moderation/", views.moderation_log, name="moderation_log"),
]
