from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from .views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("tai-khoan/", include("sxsh_portal.accounts.urls")),
    path("thong-bao/", include("sxsh_portal.notifications.urls")),
    path("chien-luoc/", include("strategies.urls")),
    path("co-so/", include("facilities.urls")),
    path("bao-cao/", include("reporting.urls")),
    path("admin/", admin.site.urls),
]

# MEDIA is never served as static files, not even in development: attachments, import files
# and PDFs are another unit's data, and only their scoped download views may hand them out.
