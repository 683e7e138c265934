"""Demo data: a handful of illustrative Thanh Hóa facilities (setup_demo calls this).

The facilities are invented (their names say so); the brewery's boiler measure follows the
case study quoted in the seeds (nearly 1.3 billion VND of fuel saved a year at a brewery).
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from facilities.models import (
    EnvironmentalRecord,
    Facility,
    FacilityYearStatus,
    Measure,
    Sector,
    SizeClass,
)
from facilities.services import representative_link, sectors_load
from sxsh_portal.accounts.models import RoleAssignment
from sxsh_portal.audit import record_actor
from sxsh_portal.territory.models import SIXTY_THREE_PROVINCES_FROM, AdministrativeUnit

DEMO_REPRESENTATIVE = "co-so-demo"


# name, tax code, sector code, size, words to find the district, zone, address,
# yearly (aware, applying) from 2017 to 2020, trained staff in 2020
DEMO_FACILITIES = [
    (
        "Nhà máy bia Thanh Hóa (cơ sở minh họa)",
        "2800000011",
        "do-uong",
        SizeClass.LARGE,
        ("Thành phố Thanh Hóa", "Thanh Hóa"),
        "",
        "Phường Đông Hương, thành phố Thanh Hóa",
        [(True, False), (True, True), (True, True), (True, True)],
        6,
    ),
    (
        "Nhà máy xi măng Bỉm Sơn (cơ sở minh họa)",
        "2800000022",
        "vat-lieu-xay-dung",
        SizeClass.LARGE,
        ("Bỉm Sơn",),
        "",
        "Phường Ba Đình, thị xã Bỉm Sơn",
        [(True, True), (True, True), (True, True), (True, True)],
        9,
    ),
    (
        "Công ty chế biến thủy sản Sầm Sơn (cơ sở minh họa)",
        "2800000033",
        "che-bien-thuc-pham",
        SizeClass.MEDIUM,
        ("Sầm Sơn",),
        "",
        "Phường Quảng Tiến, thành phố Sầm Sơn",
        [(False, False), (True, False), (True, True), (True, True)],
        2,
    ),
    (
        "Công ty may mặc Nghi Sơn (cơ sở minh họa)",
        "2800000044",
        "det-may-da-giay",
        SizeClass.MEDIUM,
        ("Nghi Sơn", "Tĩnh Gia"),
        "Khu kinh tế Nghi Sơn",
        "Xã Hải Yến, Nghi Sơn",
        [(True, False), (True, False), (True, True), (True, True)],
        3,
    ),
    (
        "Cơ sở mộc mỹ nghệ Thọ Xuân (cơ sở minh họa)",
        "2800000055",
        "lam-san-thu-cong-my-nghe",
        SizeClass.SMALL,
        ("Thọ Xuân",),
        "Cụm công nghiệp Thọ Xuân",
        "Thị trấn Thọ Xuân",
        [(False, False), (False, False), (True, False), (True, True)],
        1,
    ),
    (
        "Cơ sở khai thác đá Đông Sơn (cơ sở minh họa)",
        "2800000066",
        "khai-khoang",
        SizeClass.SMALL,
        ("Đông Sơn",),
        "",
        "Xã Đông Hưng, huyện Đông Sơn",
        [(False, False), (False, False), (False, False), (True, False)],
        0,
    ),
]

# tax code → measures: year, category, title, description, investment, saving, percents,
# published
DEMO_MEASURES = {
    "2800000011": [
        {
            "year": 2018,
            "category": Measure.Category.EQUIPMENT_MODIFICATION,
            "title": "Cải thiện nồi hơi",
            "description": (
                "Cải thiện hiệu suất nồi hơi (thu hồi nước ngưng, bảo ôn đường hơi, điều chỉnh "
                "tỷ lệ không khí cấp cho buồng đốt), theo điển hình Nhà máy bia Sài Gòn – Củ "
                "Chi: giảm gần 1,3 tỷ đồng chi phí nhiên liệu mỗi năm. Chi phí đầu tư là số "
                "liệu minh họa."
            ),
            "investment_vnd": 2_600_000_000,
            "yearly_saving_vnd": 1_300_000_000,
            "energy_saving_percent": Decimal("8.50"),
            "energy_saving_amount": Decimal("1200"),
            "energy_saving_unit": "tấn than/năm",
            "published": True,
        },
        {
            "year": 2019,
            "category": Measure.Category.ONSITE_RECYCLING,
            "title": "Tái sử dụng nước rửa chai",
            "description": "Thu hồi nước rửa chai lần cuối để rửa sơ bộ.",
            "investment_vnd": 450_000_000,
            "yearly_saving_vnd": 300_000_000,
            "water_saving_percent": Decimal("12.00"),
            "water_saving_amount": Decimal("45000"),
            "water_saving_unit": "m³/năm",
            "published": False,
        },
    ],
    "2800000022": [
        {
            "year": 2019,
            "category": Measure.Category.TECHNOLOGY_CHANGE,
            "title": "Tận dụng nhiệt khí thải lò nung để phát điện",
            "description": "Lắp hệ thống thu hồi nhiệt khí thải lò nung clinker để phát điện.",
            "investment_vnd": 150_000_000_000,
            "yearly_saving_vnd": 36_000_000_000,
            "energy_saving_percent": Decimal("12.00"),
            "energy_saving_amount": Decimal("25000000"),
            "energy_saving_unit": "kWh/năm",
            "published": True,
        }
    ],
    "2800000033": [
        {
            "year": 2019,
            "category": Measure.Category.HOUSEKEEPING,
            "title": "Quản lý nội vi khu sơ chế",
            "description": "Lắp vòi khóa tự động, thu gom phụ phẩm khô trước khi rửa sàn.",
            "investment_vnd": 40_000_000,
            "yearly_saving_vnd": 120_000_000,
            "water_saving_percent": Decimal("15.00"),
            "water_saving_amount": Decimal("6000"),
            "water_saving_unit": "m³/năm",
            "published": True,
        }
    ],
    "2800000044": [
        {
            "year": 2020,
            "category": Measure.Category.PROCESS_CONTROL,
            "title": "Kiểm soát nhiệt độ và thời gian là hơi",
            "description": "Lắp bộ điều khiển nhiệt độ cho bàn là hơi, tắt hơi khi không dùng.",
            "investment_vnd": 80_000_000,
            "yearly_saving_vnd": 0,
            "energy_saving_percent": Decimal("5.00"),
            "published": False,
        }
    ],
    "2800000055": [
        {
            "year": 2020,
            "category": Measure.Category.BY_PRODUCT,
            "title": "Ép mùn cưa thành viên nhiên liệu",
            "description": "Ép mùn cưa, gỗ vụn thành viên nén bán làm chất đốt.",
            "investment_vnd": 120_000_000,
            "yearly_saving_vnd": 60_000_000,
            "material_saving_percent": Decimal("4.00"),
            "material_saving_amount": Decimal("90"),
            "material_saving_unit": "tấn/năm",
            "published": True,
        }
    ],
}


def _find_district(districts: list[AdministrativeUnit], words: tuple[str, ...], index: int):
    for word in words:
        for district in districts:
            if word.casefold() in district.name.casefold():
                return district
    return districts[index % len(districts)]


def _demo_verifier(province: AdministrativeUnit):
    assignment = (
        # The DOIT may belong to the province or, since 2025, to its successor.
        RoleAssignment.objects.filter(
            role=RoleAssignment.Role.PROVINCE,
            agency__province__in=[province, *province.successors.all()],
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return assignment.user if assignment else None


@transaction.atomic
def demo_facilities_load(*, representative_password: str) -> int:
    """Create the demo facilities once; returns how many demo facilities exist (0 when the
    Thanh Hóa province of the 63-province map and its districts are not loaded)."""
    province = AdministrativeUnit.objects.filter(
        level=AdministrativeUnit.Level.PROVINCE, code="38", valid_from=SIXTY_THREE_PROVINCES_FROM
    ).first()
    if province is None:
        return 0
    districts = list(
        AdministrativeUnit.objects.filter(
            parent=province, level=AdministrativeUnit.Level.DISTRICT
        ).order_by("code")
    )
    if not districts:
        return 0
    sectors_load()
    verifier = _demo_verifier(province)
    now = timezone.now()
    facilities = []
    for index, (name, tax_code, sector_code, size, words, zone, address, years, staff) in enumerate(
        DEMO_FACILITIES
    ):
        facility = Facility.objects.filter(tax_code=tax_code).first()
        if facility is None:
            facility = Facility(
                name=name,
                tax_code=tax_code,
                sector=Sector.objects.get(code=sector_code),
                size_class=size,
                admin_unit=_find_district(districts, words, index),
                province=province,
                industrial_zone=zone,
                address=address,
                contact_person="Phòng Kỹ thuật",
                status=Facility.Status.VERIFIED,
                verified_at=now,
                verified_by=verifier,
            )
            record_actor(facility, verifier)
            facility.full_clean()
            facility.save()
            Facility.objects.filter(pk=facility.pk).update(
                verified_history_id=facility.history.latest().history_id
            )
            _demo_statuses(facility, years, staff, verifier)
            _demo_measures(facility, verifier, now)
            # Verified with its statuses and measures: none of them is a change to review.
            Facility.objects.filter(pk=facility.pk).update(verified_at=timezone.now())
        facilities.append(facility)

    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=DEMO_REPRESENTATIVE,
        defaults={"full_name": "Đại diện Nhà máy bia (minh họa)", "email": "co-so-demo@example.vn"},
    )
    if created:
        # Only a new account gets the demo password: a second run must change nothing.
        user.set_password(representative_password)
        user.save()
    representative_link(facility=facilities[0], user=user)
    return len(facilities)


def _demo_statuses(facility: Facility, years, staff: int, actor) -> None:
    medium_or_large = facility.size_class in (SizeClass.MEDIUM, SizeClass.LARGE)
    for offset, (aware, applying) in enumerate(years):
        year = 2017 + offset
        status = FacilityYearStatus(
            facility=facility,
            year=year,
            size_class=facility.size_class,
            is_aware=aware,
            is_applying=applying,
            has_dedicated_unit=medium_or_large and applying,
            trained_staff_count=round(staff * (offset + 1) / len(years)),
            has_iso14001=facility.size_class == SizeClass.LARGE and year >= 2019,
            environmental_record=(
                EnvironmentalRecord.EIA
                if facility.size_class == SizeClass.LARGE
                else EnvironmentalRecord.COMMITMENT
            ),
            energy_saving_percent=Decimal("8.5") if applying else None,
        )
        record_actor(status, actor)
        status.full_clean()
        status.save()


def _demo_measures(facility: Facility, actor, now) -> None:
    for data in DEMO_MEASURES.get(facility.tax_code, []):
        values = dict(data)
        published = values.pop("published")
        measure = Measure(
            facility=facility,
            publication_agreed=published,
            publication_approved=published,
            approved_at=now if published else None,
            approved_by=actor if published else None,
            **values,
        )
        record_actor(measure, actor)
        measure.full_clean()
        measure.save()
