from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from hevruta.accounts.views import set_language
from hevruta.api.api import api
from hevruta.core import errors
from hevruta.core.favicon import favicon

urlpatterns = [
    path("favicon.ico", favicon),
    path("", include("hevruta.core.urls")),
    path("directory/", include("hevruta.directory.urls")),
    path("standards/", include("hevruta.standards.urls")),
    path("ims/case/", include("hevruta.standards.case.urls")),
    path("knowledge/", include("hevruta.knowledge.urls")),
    path("communities/", include("hevruta.communities.urls")),
    path("credentials/", include("hevruta.credentials.urls")),
    path("programs/", include("hevruta.programs.urls")),
    path("mentoring/", include("hevruta.mentoring.urls")),
    path("events/", include("hevruta.events.urls")),
    path("outcomes/", include("hevruta.outcomes.urls")),
    path("insights/", include("hevruta.insights.urls")),
    path("surveys/", include("hevruta.surveys.urls")),
    path("consultations/", include("hevruta.consultations.urls")),
    path("notifications/", include("hevruta.notifications.urls")),
    path("events/", include("hevruta.events.calendar_urls")),
    path("account/", include("hevruta.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    # The switcher also stores a logged-in person's choice (accounts.views.set_language).
    path("i18n/setlang/", set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error

# No route serves MEDIA_ROOT, in any mode: uploads are private (hevruta/core/files.py).
