from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from .views import FaviconView, HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    # Browsers ask for /favicon.ico whatever the page links.
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("tai-khoan/", include("sxsh_portal.accounts.urls")),
    path("thong-bao/", include("sxsh_portal.notifications.urls")),
    path("chien-luoc/", include("strategies.urls")),
    path("co-so/", include("facilities.urls")),
    path("bao-cao/", include("reporting.urls")),
    # Where the downloads have always been (the documents were reporting's first).
    path("bao-cao/tai-lieu/", include("sxsh_portal.documents.urls")),
    path("bao-cao/", include("reporting.dashboards.urls")),
    path("du-lieu-mo/", include("reporting.dashboards.urls_opendata")),
    path("api/", include("sxsh_portal.urls_api")),
    path("tai-khoan/khoa-api/", include("sxsh_portal.api.urls")),
    path("ky-so/", include("sxsh_portal.signatures.urls")),
    path("admin/", admin.site.urls),
]

# MEDIA is never served as static files, not even in development: attachments, import files
# and PDFs are another unit's data, and only their scoped download views may hand them out.

handler400 = "sxsh_portal.errors.bad_request"
handler403 = "sxsh_portal.errors.permission_denied"
handler404 = "sxsh_portal.errors.page_not_found"
handler500 = "sxsh_portal.errors.server_error"
