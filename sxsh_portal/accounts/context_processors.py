from sxsh_portal.navigation import navigation_for

from .access import may_manage_roles, scope_for


def access_scope(request):
    user = getattr(request, "user", None)
    scope = scope_for(user)
    return {
        "scope": scope,
        "navigation": navigation_for(scope),
        "may_manage_roles": may_manage_roles(user),
    }
