"""The project's URLs plus one view that fails, to see the 500 page a user would get."""

from django.urls import path

from sxsh_portal.urls import handler400, handler403, handler404, handler500  # noqa: F401
from sxsh_portal.urls import urlpatterns as project_urlpatterns


def failing_view(request):
    raise RuntimeError("a bug")


urlpatterns = [*project_urlpatterns, path("loi-thu/", failing_view)]
