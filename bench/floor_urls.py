"""The bench's URLconf: the portal's URLs and one more, the framework floor (bench/pages.py).

Only bench/pages.py loads it, in its own process (override_settings): the portal never
serves the floor page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from sxsh_portal.urls import urlpatterns as portal_urlpatterns


@login_required
def floor(request):
    """An empty page in the site's layout: what every page pays before its own work."""
    template = engines["django"].from_string('{% extends "base.html" %}')
    return HttpResponse(template.render({}, request))


urlpatterns = [path("__bench__/floor/", floor, name="bench_floor"), *portal_urlpatterns]
