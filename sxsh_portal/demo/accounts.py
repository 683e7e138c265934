"""The demo people of `make run`: one account per role, and the system administrator."""

from __future__ import annotations

from django.db import transaction

from sxsh_portal.accounts.models import RoleAssignment, User
from sxsh_portal.accounts.services import role_assign, user_create
from sxsh_portal.territory.models import SIXTY_THREE_PROVINCES_FROM, AdministrativeUnit, Agency

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
