from .access import Scope
from .models import RoleAssignment, User


def user_roles(*, user: User) -> list[RoleAssignment]:
    return list(user.assignments.select_related("agency", "agency__province"))


def users_in_scope(*, scope: Scope):
    """Users a staff member may see: the ministry sees all, a DOIT the users of its province."""
    if scope.is_ministry:
        return User.objects.all()
    if scope.province_ids:
        return User.objects.filter(
            assignments__agency__province_id__in=scope.province_ids
        ).distinct()
    return User.objects.none()
