from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from hevruta.api.api import api

urlpatterns = [
    path("", include("hevruta.core.urls")),
    path("directory/", include("hevruta.directory.urls")),
    path("standards/", include("hevruta.standards.urls")),
    path("ims/case/", include("hevruta.standards.case.urls")),
    path("knowledge/", include("hevruta.knowledge.urls")),
    path("credentials/", include("hevruta.credentials.urls")),
    path("programs/", include("hevruta.programs.urls")),
    path("account/", include("hevruta.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# No route serves MEDIA_ROOT, in any mode: uploads are private (hevruta/core/files.py).
