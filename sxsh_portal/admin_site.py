"""The Django admin is for system administrators (superusers) only.

Everything a ministry or DOIT officer needs is a portal page that applies the access rule;
a staff flag alone opens nothing here, so no per-province filtering of the admin is needed.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class SuperuserAdminSite(admin.AdminSite):
    site_header = "SXSH Portal — quản trị hệ thống"

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser


class SuperuserAdminConfig(AdminConfig):
    default_site = "sxsh_portal.admin_site.SuperuserAdminSite"


class ReadOnlyAdminMixin:
    """For records every change of which goes through a service (version check, state rules,
    audit trail): the admin shows them and changes nothing."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
