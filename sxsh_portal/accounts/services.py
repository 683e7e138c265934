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


# The demo people of `make run`: one per role, in Thanh Hóa (home) and Hà Giang (another
# jurisdiction). Agencies come from the seed documents when loaded; missing ones are created.
DEMO_ACCOUNTS = [
    # username, full name, role, agency kind, province code (63-province map), district name
    ("bo-cong-thuong", "Cán bộ Bộ Công Thương", "ministry", "ministry", None, None),
    ("so-ct-thanh-hoa", "Cán bộ Sở Công Thương Thanh Hóa", "province", "doit", "38", None),
    (
        "ubnd-hoang-hoa",
        "Cán bộ UBND huyện Hoằng Hóa",
        "unit",
        "district_committee",
        "38",
        "Hoằng Hóa",
    ),
    ("so-ct-ha-giang", "Cán bộ Sở Công Thương Hà Giang", "province", "doit", "02", None),
]


def _demo_agency(kind: str, province_code: str | None, district_name: str | None) -> Agency:
    from sxsh_portal.territory.models import SIXTY_THREE_PROVINCES_FROM, AdministrativeUnit

    if kind == Agency.Kind.MINISTRY:
        agency, _created = Agency.objects.get_or_create(
            name="Bộ Công Thương", province=None, defaults={"kind": kind}
        )
        return agency
    province = AdministrativeUnit.objects.get(
        level=AdministrativeUnit.Level.PROVINCE,
        code=province_code,
        valid_from=SIXTY_THREE_PROVINCES_FROM,
    )
    if kind == Agency.Kind.DOIT:
        # The seed fixtures attach a DOIT that still exists to today's province.
        agency = Agency.objects.filter(
            kind=kind, province__level=province.level, province__code=province_code
        ).first()
        if agency is None:
            agency = Agency.objects.create(
                name=f"Sở Công Thương {province.name}", kind=kind, province=province
            )
        return agency
    district = province.children.get(name__endswith=district_name)
    agency, _created = Agency.objects.get_or_create(
        province=province,
        name=f"UBND huyện {district_name}",
        defaults={"kind": kind, "territory": district},
    )
    return agency


@transaction.atomic
def demo_accounts_load(*, password: str) -> list[tuple[str, str]]:
    """Create the demo users (idempotent). Returns (username, description) pairs."""
    logins = []
    for username, full_name, role, kind, province_code, district in DEMO_ACCOUNTS:
        agency = _demo_agency(kind, province_code, district)
        user = User.objects.filter(username=username).first() or user_create(
            username=username,
            password=password,
            full_name=full_name,
            email=f"{username}@demo.sxsh.gov.vn",
        )
        role_assign(user=user, role=role, agency=agency)
        logins.append((username, f"{RoleAssignment.Role(role).label} — {agency}"))
    admin = User.objects.filter(username="quan-tri").first()
    if admin is None:
        admin = user_create(
            username="quan-tri",
            password=password,
            full_name="Quản trị hệ thống",
            email="quan-tri@demo.sxsh.gov.vn",
        )
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
    logins.append(("quan-tri", "Quản trị hệ thống (/admin/)"))
    return logins
