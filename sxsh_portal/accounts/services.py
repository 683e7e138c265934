"""Writes to accounts: every change of a user or a role goes through here and is recorded
in the audit trail (django-simple-history) with the actor."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sxsh_portal.audit import record_actor
from sxsh_portal.territory.models import Agency

from .models import RoleAssignment, User


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    full_name: str = "",
    email: str = "",
    is_active: bool = True,
    actor: User | None = None,
) -> User:
    user = User(username=username, full_name=full_name, email=email, is_active=is_active)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    record_actor(user, actor).save()
    return user


@transaction.atomic
def role_assign(
    *, user: User, role: str, agency: Agency | None, actor: User | None = None
) -> RoleAssignment:
    """Give a user a role in an agency; assigning the same role twice changes nothing."""
    existing = RoleAssignment.objects.filter(user=user, role=role, agency=agency).first()
    if existing:
        return existing
    assignment = RoleAssignment(user=user, role=role, agency=agency)
    record_actor(assignment, actor).save()
    return assignment


# Which kind of agency each role is held in (the facility role has none).
ROLE_AGENCY_KINDS = {
    RoleAssignment.Role.MINISTRY: {Agency.Kind.MINISTRY},
    RoleAssignment.Role.PROVINCE: {Agency.Kind.DOIT},
    RoleAssignment.Role.UNIT: {
        Agency.Kind.DISTRICT_COMMITTEE,
        Agency.Kind.COMMUNE_COMMITTEE,
        Agency.Kind.ZONE_BOARD,
        Agency.Kind.PROVINCIAL_COMMITTEE,
        Agency.Kind.DEPARTMENT,
        Agency.Kind.CENTRE,
        Agency.Kind.ORGANISATION,
        Agency.Kind.OTHER,
    },
}


@transaction.atomic
def role_grant(*, actor: User, user: User, role: str, agency: Agency | None) -> RoleAssignment:
    """The role page's grant: checks who may grant what, then records it with the actor."""
    from .access import may_grant_role

    if not may_grant_role(actor, role):
        raise PermissionDenied(_("Bạn không được cấp vai trò này."))
    if role == RoleAssignment.Role.FACILITY:
        if agency is not None:
            raise ValidationError({"agency": _("Vai trò đại diện cơ sở không gắn với cơ quan.")})
    elif agency is None:
        raise ValidationError({"agency": _("Hãy chọn cơ quan của vai trò này.")})
    elif agency.kind not in ROLE_AGENCY_KINDS[role]:
        raise ValidationError({"agency": _("Cơ quan này không phù hợp với vai trò đã chọn.")})
    if not user.is_active:
        raise ValidationError({"username": _("Tài khoản này đã bị khoá.")})
    return role_assign(user=user, role=role, agency=agency, actor=actor)


@transaction.atomic
def role_withdraw(*, actor: User, assignment: RoleAssignment) -> None:
    """The role page's revoke, under the same rule as the grant; kept in the history."""
    from .access import may_grant_role

    if not may_grant_role(actor, assignment.role):
        raise PermissionDenied(_("Bạn không được thu hồi vai trò này."))
    record_actor(assignment, actor).delete()
