from .access import scope_for


class ScopedAdminMixin:
    """Admin changelists obey the same access rule as the pages.

    Superusers and ministry staff see everything; other staff see only rows of the provinces
    in their scope, so a DOIT officer given admin access still never sees another province.
    """

    # Lookup from the model to its province, e.g. "province" or "plan__province".
    scope_province_lookup: str = "province"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        scope = scope_for(request.user)
        if scope.is_ministry:
            return queryset
        return queryset.filter(**{f"{self.scope_province_lookup}__in": scope.province_ids})
