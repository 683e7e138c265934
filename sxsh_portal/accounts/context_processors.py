from sxsh_portal.navigation import navigation_for

from .access import scope_for


def access_scope(request):
    scope = scope_for(getattr(request, "user", None))
    return {"scope": scope, "navigation": navigation_for(scope)}
