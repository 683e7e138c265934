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
