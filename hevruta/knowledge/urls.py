from django.urls import path

from .views import collections, curation, knowledge_map, resources, usage

app_name = "knowledge"
urlpatterns = [
    path("", resources.resource_list, name="list"),
    path("new/", resources.resource_create, name="create"),
    path("mine/", usage.mine, name="mine"),
    path("review/", curation.queue, name="queue"),
    path("map/", knowledge_map.map_page, name="map"),
    path("map.csv", knowledge_map.map_csv, name="map_csv"),
    path("<int:pk>/", resources.resource_detail, name="detail"),
    path("<int:pk>/edit/", resources.resource_edit, name="edit"),
    path("<int:pk>/submit/", resources.resource_submit, name="submit"),
    path("<int:pk>/attachments/", resources.attachment_add, name="attachment_add"),
    path("<int:pk>/attachments/<int:attachment_pk>/delete/", resources.attachment_delete, name="attachment_delete"),
    path("files/<int:attachment_pk>/<str:name>", resources.attachment_download, name="attachment"),
    path("<int:pk>/history/", resources.history, name="history"),
    path("<int:pk>/versions/<int:number>/", resources.version_detail, name="version"),
    path("<int:pk>/versions/<int:number>/restore/", resources.version_restore, name="restore"),
    path("<int:pk>/review/", curation.review, name="review"),
    path("<int:pk>/review/start/", curation.start_review, name="start_review"),
    path("<int:pk>/reviews/<int:review_pk>/answer/", curation.reply, name="reply"),
    path("<int:pk>/use/", usage.report_use, name="report_use"),
    path("<int:pk>/bookmark/", usage.bookmark, name="bookmark"),
    path("<int:pk>/follow/", usage.follow, name="follow"),
    path("<int:pk>/collect/", usage.collect, name="collect"),
    path("collections/", collections.collection_list, name="collections"),
    path("collections/new/", collections.collection_create, name="collection_create"),
    path("collections/<int:pk>/", collections.collection_detail, name="collection"),
    path("collections/<int:pk>/edit/", collections.collection_edit, name="collection_edit"),
    path("collections/<int:pk>/delete/", collections.collection_delete, name="collection_delete"),
    path("collections/<int:pk>/remove/<int:resource_pk>/", collections.collection_remove, name="collection_remove"),
    path("networks/<str:slug>/curators/", curation.curators, name="curators"),
    path("networks/<str:slug>/curators/<int:person_pk>/remove/", curation.curator_remove, name="curator_remove"),
]
