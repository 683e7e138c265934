from .access import scope_for


def access_scope(request):
    return {"scope": scope_for(getattr(request, "user", None))}
