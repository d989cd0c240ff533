from django.urls import path

from .views import editor, frameworks, roles

app_name = "standards"
urlpatterns = [
    path("", frameworks.framework_list, name="frameworks"),
    path("roles/", roles.role_list, name="roles"),
    path("roles/new/<str:slug>/", roles.role_create, name="role_create"),
    path("roles/<int:pk>/", roles.role_detail, name="role"),
    path("roles/<int:pk>/edit/", roles.role_edit, name="role_edit"),
    path("roles/<int:pk>/delete/", roles.role_delete, name="role_delete"),
    path("roles/<int:pk>/assign/", roles.role_assign, name="role_assign"),
    path("roles/<int:pk>/unassign/<int:position_pk>/", roles.role_unassign, name="role_unassign"),
    path("frameworks/new/", frameworks.framework_create, name="framework_create"),
    path("frameworks/import/", frameworks.framework_import, name="framework_import"),
    path("frameworks/<int:pk>/", frameworks.framework_detail, name="framework"),
    path("frameworks/<int:pk>/edit/", frameworks.framework_edit, name="framework_edit"),
    path("frameworks/<int:pk>/publish/", frameworks.framework_publish, name="framework_publish"),
    path("frameworks/<int:pk>/new-draft/", frameworks.framework_new_draft, name="framework_new_draft"),
    path("frameworks/<int:pk>/retire/", frameworks.framework_retire, name="framework_retire"),
    path("frameworks/<int:pk>/delete/", frameworks.framework_delete, name="framework_delete"),
    path("frameworks/<int:pk>/case.json", frameworks.framework_export, name="framework_export"),
    path("frameworks/<int:pk>/levels/", editor.levels_edit, name="levels"),
    path("frameworks/<int:pk>/items/new/", editor.item_add, name="item_add"),
    path("frameworks/<int:pk>/items/<int:item_pk>/edit/", editor.item_edit, name="item_edit"),
    path("frameworks/<int:pk>/items/<int:item_pk>/move/", editor.item_move, name="item_move"),
    path("frameworks/<int:pk>/items/<int:item_pk>/delete/", editor.item_delete, name="item_delete"),
    path("frameworks/<int:pk>/items/<int:item_pk>/rubric/", editor.rubric_edit, name="rubric"),
    path("frameworks/<int:pk>/items/<int:item_pk>/links/", editor.item_links, name="item_links"),
    path("frameworks/<int:pk>/links/<int:association_pk>/delete/", editor.link_delete, name="link_delete"),
]
