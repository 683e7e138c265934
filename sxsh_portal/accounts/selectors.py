from sxsh_portal.territory.models import Agency

from .models import RoleAssignment


def role_assignments():
    return RoleAssignment.objects.select_related("user", "agency", "agency__province").order_by(
        "role", "agency__name", "user__username"
    )


def role_history(*, limit: int):
    """The latest grants and withdrawals, newest first, with who made them."""
    return RoleAssignment.history.select_related("history_user", "user", "agency").order_by(
        "-history_date", "-history_id"
    )[:limit]


def unit_recipients(*, agency: Agency) -> list[str]:
    """E-mail addresses of the unit's users (role "unit"), and the agency's own address."""
    addresses = list(
        RoleAssignment.objects.filter(
            role=RoleAssignment.Role.UNIT, agency=agency, user__is_active=True
        )
        .exclude(user__email="")
        .order_by("user__email")
        .values_list("user__email", flat=True)
        .distinct()
    )
    if agency.email and agency.email not in addresses:
        addresses.append(agency.email)
    return addresses
