"""Synthetic national data at full size, for benchmarks (`generate_national_data`).

The real administrative units (63 provinces and 696 districts until 30/06/2025, 34 provinces
and 3,321 communes after), facilities spread by sector and size (most registered before the
reform, in an old district; a share after it, in a commune of today's province), a yearly
SXSH status for every facility-year, measures, and the plans and reports on either side of
the 2025 reform:

- reporting years before 2025: one action plan per old province (its period ends in 2024
  when the years reach 2025), its own DOIT, and a report from every district people's
  committee;
- reporting years from 2025 (those within the years asked for): one action plan per
  current province ("… giai đoạn 2025–2030"; with `provinces`, the successors of the old
  provinces chosen), the current province's DOIT, and a report from every commune
  people's committee (created as agencies of the current province if missing).

Plans localise the QĐ 1419 national targets and have a reporting rule (15/12) for their
kind of committee. Every unit has a report for every year of its plan, in every state,
with the registry's figures of the facilities in its district or commune beside noisy
reported ones; consolidated reports are sent for every year but the last, a draft for it.

Deterministic: every value comes from one `random.Random(seed)` consumed in a fixed order
over units sorted by code, so the same seed and sizes give the same rows (compare them by
natural keys: tax code and year, province and year; database ids may differ).

Synthetic data bypasses the audit trail on purpose: rows are written with bulk inserts
(PostgreSQL COPY, executemany elsewhere) rather than through the per-row services, so no
historical records, transitions other than the ones written here, or e-mails are produced.
Loading 4.8 million yearly statuses through the services would take hours.
"""

from __future__ import annotations

import csv
import datetime
import io
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import CharField, Count, F, Q, Sum, TextField
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _

from facilities.models import (
    Facility,
    FacilityYearStatus,
    Measure,
    Sector,
    SizeClass,
)
from facilities.services.demo import sectors_load
from strategies.models import (
    ActionPlan,
    AgencyAssignment,
    FundingSource,
    ReportingRule,
    Strategy,
    Target,
)
from strategies.services import seed_documents_load
from sxsh_portal.territory.models import (
    REFORM_2025_FROM,
    SIXTY_THREE_PROVINCES_FROM,
    AdministrativeUnit,
    Agency,
)
from sxsh_portal.territory.services import administrative_units_load, district_committees_ensure

from ..consolidation import consolidation_build, sent_indicators_of
from ..figures import Figure
from ..models import (
    Activity,
    ConsolidatedReport,
    ReportingYear,
    ReportTransition,
    SentIndicator,
    UnitReport,
    UnitReportValue,
)

# Marks the plans this module creates: a second run refuses instead of duplicating.
SYNTHETIC_MARKER = "Dữ liệu tổng hợp (generate_national_data)"
NATIONAL_STRATEGY = "1419/QĐ-TTg"
UTC = datetime.UTC
CHUNK_FACILITIES = 20_000
# Reporting years from this one belong to today's provinces and their communes.
REFORM_YEAR = REFORM_2025_FROM.year
# Today's provinces' plans run to 2030 (longer if the years asked for go further).
CURRENT_PLAN_END = 2030

SIZES = [(SizeClass.SMALL, 0.70), (SizeClass.MEDIUM, 0.22), (SizeClass.LARGE, 0.08)]
# Share of facilities by sector code; the rest go to "khac".
SECTOR_WEIGHTS = {
    "che-bien-thuc-pham": 0.22,
    "do-uong": 0.05,
    "det-may-da-giay": 0.14,
    "lam-san-thu-cong-my-nghe": 0.10,
    "vat-lieu-xay-dung": 0.12,
    "khai-khoang": 0.05,
    "hoa-chat-phan-bon": 0.08,
    "giay-bot-giay": 0.03,
    "co-khi-luyen-kim": 0.12,
    "nang-luong": 0.02,
}
COMPANY_KINDS = ["Công ty TNHH", "Công ty Cổ phần", "Doanh nghiệp tư nhân", "Hợp tác xã"]
MEASURE_TITLES = {
    Measure.Category.HOUSEKEEPING: "Quản lý nội vi khu vực sản xuất",
    Measure.Category.INPUT_SUBSTITUTION: "Thay nhiên liệu than bằng sinh khối",
    Measure.Category.PROCESS_CONTROL: "Kiểm soát nhiệt độ lò hơi",
    Measure.Category.EQUIPMENT_MODIFICATION: "Bảo ôn đường ống hơi",
    Measure.Category.TECHNOLOGY_CHANGE: "Thay động cơ hiệu suất cao, biến tần",
    Measure.Category.ONSITE_RECYCLING: "Thu hồi nước ngưng tuần hoàn",
    Measure.Category.BY_PRODUCT: "Tận dụng phế phẩm làm phân bón",
    Measure.Category.PRODUCT_MODIFICATION: "Cải tiến bao bì sản phẩm",
}
MEASURE_CATEGORIES = list(MEASURE_TITLES)
FUNDING_KINDS = [kind.value for kind in FundingSource.Kind]


class SyntheticDataExists(Exception):
    """The database already holds synthetic data: generating again would duplicate it."""


@dataclass
class SyntheticResult:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


# ---------------------------------------------------------------------------- bulk writes


def _is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _sqlite_value(value):
    # The embedded backend stores datetimes as naive UTC text; Django reads them back aware.
    if isinstance(value, datetime.datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, datetime.date | Decimal):
        return str(value)
    return value


def _insert(model, columns: list[str], rows: Iterable[tuple]) -> int:
    """Insert rows (tuples in `columns` order) in one statement stream.

    PostgreSQL gets COPY … FROM STDIN in CSV, the fastest way in: an empty field is NULL,
    except in the text columns, where FORCE_NOT_NULL makes it the empty string Django
    stores for a blank CharField. Other backends get executemany.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    rows = list(rows)
    if not rows:
        return 0
    with connection.cursor() as cursor:
        if _is_postgresql():
            text = [
                connection.ops.quote_name(f.column)
                for f in model._meta.concrete_fields
                if f.column in columns and not f.null and isinstance(f, CharField | TextField)
            ]
            options = "FORMAT csv" + (f", FORCE_NOT_NULL ({', '.join(text)})" if text else "")
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows(rows)
            buffer.seek(0)
            cursor.cursor.copy_expert(f"COPY {table} ({names}) FROM STDIN WITH ({options})", buffer)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({placeholders})",
                [tuple(_sqlite_value(value) for value in row) for row in rows],
            )
    return len(rows)


def _new_ids(model, after: int, key: str) -> dict:
    """key → id of the rows inserted after id `after` (bulk paths do not return ids)."""
    return dict(model.objects.filter(pk__gt=after).values_list(key, "pk"))


def _max_id(model) -> int:
    return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _pick(rng: random.Random, weighted: list[tuple]) -> object:
    roll = rng.random()
    for value, weight in weighted:
        roll -= weight
        if roll < 0:
            return value
    return weighted[-1][0]


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


# ---------------------------------------------------------------------------- the generator


@dataclass
class _Province:
    unit: AdministrativeUnit
    doit_id: int
    districts: list[AdministrativeUnit]
    communes: list[AdministrativeUnit]
    committee_by_district: dict[int, int]
    successor_id: int | None
    plan_id: int = 0


@dataclass
class _CurrentProvince:
    """A province since 01/07/2025 whose plan covers the reporting years from 2025."""

    unit: AdministrativeUnit
    doit_id: int
    communes: list[AdministrativeUnit]
    committee_by_commune: dict[int, int]
    plan_id: int = 0


@dataclass
class _ReportingPlan:
    """A plan, the years it reports, and its reporting units as (territory id, agency id)."""

    plan_id: int
    years: list[int]
    units: list[tuple[int, int]]


def _committee_name(unit: AdministrativeUnit) -> str:
    """ "Xã Hoằng Hóa" → "UBND xã Hoằng Hóa", as district_committees_ensure names districts."""
    return f"UBND {unit.name[0].lower()}{unit.name[1:]}"


def _commune_committees_ensure(
    province: AdministrativeUnit, communes: list[AdministrativeUnit]
) -> dict[int, int]:
    """The people's committee of every commune of a current province as an agency (bulk,
    without history, like district_committees_ensure); commune id → agency id."""
    existing = dict(
        Agency.objects.filter(
            province=province, kind=Agency.Kind.COMMUNE_COMMITTEE, territory__isnull=False
        ).values_list("territory_id", "pk")
    )
    missing = [commune for commune in communes if commune.pk not in existing]
    if missing:
        Agency.objects.bulk_create(
            (
                Agency(
                    name=_committee_name(commune),
                    kind=Agency.Kind.COMMUNE_COMMITTEE,
                    province=province,
                    territory=commune,
                )
                for commune in missing
            ),
            batch_size=1000,
        )
        existing = dict(
            Agency.objects.filter(
                province=province, kind=Agency.Kind.COMMUNE_COMMITTEE, territory__isnull=False
            ).values_list("territory_id", "pk")
        )
    return existing


def _doit_ensure(province: AdministrativeUnit) -> int:
    """The province's DOIT (the first recorded, else a new one); its id."""
    doit = Agency.objects.filter(province=province, kind=Agency.Kind.DOIT).order_by("pk").first()
    if doit is None:
        doit = Agency.objects.create(
            name=f"Sở Công Thương {province.name}",
            short_name="SCT",
            kind=Agency.Kind.DOIT,
            province=province,
            territory=province,
        )
    return doit.pk


class NationalDataGenerator:
    def __init__(
        self,
        *,
        facilities: int,
        first_year: int,
        last_year: int,
        seed: int,
        provinces: int | None = None,
        log: Callable[[str], None] | None = None,
    ):
        if first_year > last_year:
            raise ValueError(_("Năm đầu phải trước hoặc bằng năm cuối."))
        self.facility_count = facilities
        self.first_year, self.last_year = first_year, last_year
        self.years = list(range(first_year, last_year + 1))
        # Old provinces report the years before the reform, today's provinces the others.
        self.old_years = [year for year in self.years if year < REFORM_YEAR]
        self.new_years = [year for year in self.years if year >= REFORM_YEAR]
        self.rng = random.Random(seed)
        self.province_limit = provinces
        self.log = log or (lambda message: None)
        self.result = SyntheticResult()
        self.now = _at(datetime.date(last_year + 1, 2, 1))

    def _step(self, name: str, started: float, count: int | None = None) -> None:
        self.result.seconds[name] = round(time.perf_counter() - started, 2)
        if count is not None:
            self.result.counts[name] = count
        suffix = f" ({count:,} dòng)" if count is not None else ""
        self.log(f"{name}: {self.result.seconds[name]:.1f} s{suffix}")

    def run(self) -> SyntheticResult:
        started = time.perf_counter()
        administrative_units_load()
        seed_documents_load()
        sectors_load()
        self._step("units_and_seeds", started)
        with transaction.atomic():
            if ActionPlan.objects.filter(source_note=SYNTHETIC_MARKER).exists():
                raise SyntheticDataExists(
                    _(
                        "Cơ sở dữ liệu đã có dữ liệu tổng hợp; hãy dùng một cơ sở dữ liệu trống "
                        "(ví dụ: dropdb/createdb rồi migrate) trước khi tạo lại."
                    )
                )
            self._provinces_prepare()
            self._plans_create()
            self._facilities_create()
            self._reporting_create()
            self._consolidated_create()
        if _is_postgresql():
            t = time.perf_counter()
            # VACUUM too, where it may run (not inside a transaction, as in a test): it sets
            # the visibility map that index-only scans need, which autovacuum would set
            # only later, or never where it is off.
            statement = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            with connection.cursor() as cursor:
                cursor.execute(statement)
            self._step("analyze", t)
        self.result.seconds["total"] = round(time.perf_counter() - started, 2)
        return self.result

    # ------------------------------------------------------------------ units and agencies

    def _provinces_prepare(self) -> None:
        started = time.perf_counter()
        old = list(
            AdministrativeUnit.objects.filter(
                level=AdministrativeUnit.Level.PROVINCE, valid_from=SIXTY_THREE_PROVINCES_FROM
            ).order_by("code")
        )
        if self.province_limit:
            old = old[: self.province_limit]
        successors = defaultdict(list)
        for from_id, to_id in AdministrativeUnit.successors.through.objects.filter(
            from_administrativeunit_id__in=[p.pk for p in old]
        ).values_list("from_administrativeunit_id", "to_administrativeunit_id"):
            successors[from_id].append(to_id)
        communes_of = defaultdict(list)
        for commune in AdministrativeUnit.objects.filter(
            level=AdministrativeUnit.Level.COMMUNE, valid_from=REFORM_2025_FROM
        ).order_by("code"):
            communes_of[commune.parent_id].append(commune)
        districts_of = defaultdict(list)
        for district in AdministrativeUnit.objects.filter(
            level=AdministrativeUnit.Level.DISTRICT, parent__in=old
        ).order_by("code"):
            districts_of[district.parent_id].append(district)

        self.provinces: list[_Province] = []
        for province in old:
            doit_id = _doit_ensure(province)
            district_committees_ensure(province=province)
            committees = dict(
                Agency.objects.filter(
                    province=province, kind=Agency.Kind.DISTRICT_COMMITTEE, territory__isnull=False
                ).values_list("territory_id", "pk")
            )
            # The successor that took the province's name, else the first one.
            successor_id = min(successors[province.pk]) if successors[province.pk] else None
            self.provinces.append(
                _Province(
                    unit=province,
                    doit_id=doit_id,
                    districts=districts_of[province.pk],
                    communes=communes_of.get(successor_id, []) if successor_id else [],
                    committee_by_district=committees,
                    successor_id=successor_id,
                )
            )
        self._step("provinces", started, len(self.provinces))

        # Today's provinces that the chosen old provinces became (part of), by code, each
        # with its DOIT and its commune committees; only when a reporting year is theirs.
        started = time.perf_counter()
        self.current_provinces: list[_CurrentProvince] = []
        if not self.new_years:
            return
        current = AdministrativeUnit.objects.filter(
            pk__in={to_id for p in old for to_id in successors[p.pk]}
        ).order_by("code")
        for province in current:
            self.current_provinces.append(
                _CurrentProvince(
                    unit=province,
                    doit_id=_doit_ensure(province),
                    communes=communes_of.get(province.pk, []),
                    committee_by_commune=_commune_committees_ensure(
                        province, communes_of.get(province.pk, [])
                    ),
                )
            )
        self._step(
            "current_provinces_and_communes",
            started,
            sum(len(c.committee_by_commune) for c in self.current_provinces),
        )

    # ------------------------------------------------------------------ plans

    def _plans_create(self) -> None:
        started = time.perf_counter()
        strategy = Strategy.objects.filter(number=NATIONAL_STRATEGY).first()
        national = list(
            Target.objects.filter(phase__strategy=strategy).order_by("year", "position", "pk")
            if strategy
            else []
        )
        targets, rules, assignments = [], [], []

        def localise(plan_id: int) -> None:
            for position, target in enumerate(national):
                # Provinces set their own bar around the national one, never below zero.
                shift = Decimal(self.rng.randint(-5, 5))
                low = max(Decimal(0), target.value_min + shift) if target.value_min else None
                high = max(low, target.value_max + shift) if low is not None else None
                targets.append(
                    Target(
                        indicator_id=target.indicator_id,
                        plan_id=plan_id,
                        year=target.year,
                        value_min=low,
                        value_max=high,
                        localises=target,
                        position=position,
                    )
                )

        def organise(plan_id: int, doit_id: int, kind: str, units: str) -> None:
            rules.append(
                ReportingRule(
                    plan_id=plan_id,
                    text=f"{units} báo cáo Sở Công Thương trước 15/12.",
                    reporting_unit_kind=kind,
                    recipient_id=doit_id,
                    deadline_day=15,
                    deadline_month=12,
                )
            )
            assignments.append(
                AgencyAssignment(
                    plan_id=plan_id,
                    position=1,
                    assignee=units,
                    covers_kind=kind,
                    role=AgencyAssignment.Role.IMPLEMENTING,
                    duties="Tuyên truyền, hướng dẫn cơ sở áp dụng SXSH; báo cáo hằng năm.",
                )
            )

        def plan(province, start, end, issued_on, decision_number, predecessor_id=None):
            return ActionPlan(
                kind=ActionPlan.Kind.PLAN,
                title=(
                    f"Kế hoạch hành động sản xuất sạch hơn trong công nghiệp tỉnh "
                    f"{province.name} giai đoạn {start}–{end}"
                ),
                province=province,
                issuer_name=f"UBND tỉnh {province.name}",
                decision_number=decision_number,
                issued_on=issued_on,
                period_start=start,
                period_end=end,
                strategy=strategy,
                predecessor_id=predecessor_id,
                overall_goal="Đẩy mạnh áp dụng sản xuất sạch hơn trong các cơ sở công nghiệp.",
                source_note=SYNTHETIC_MARKER,
            )

        # The old provinces' plans, for the years before the reform.
        if self.old_years:
            before = _max_id(ActionPlan)
            ActionPlan.objects.bulk_create(
                plan(
                    p.unit,
                    self.first_year,
                    self.old_years[-1],
                    datetime.date(self.first_year, 3, 1),
                    f"{100 + index}/KH-UBND",
                )
                for index, p in enumerate(self.provinces)
            )
            plan_ids = dict(
                ActionPlan.objects.filter(pk__gt=before, source_note=SYNTHETIC_MARKER).values_list(
                    "province_id", "pk"
                )
            )
            for p in self.provinces:
                p.plan_id = plan_ids[p.unit.pk]
                localise(p.plan_id)
                organise(
                    p.plan_id,
                    p.doit_id,
                    Agency.Kind.DISTRICT_COMMITTEE,
                    "UBND các huyện, thị xã, thành phố",
                )

        # Today's provinces' plans, for the years from the reform; each follows the plan of
        # the old province whose code it kept (Thanh Hóa 38 → Thanh Hóa 38), if there is one.
        if self.new_years:
            old_plan_by_code = {p.unit.code: p.plan_id for p in self.provinces if p.plan_id}
            start, end = self.new_years[0], max(self.last_year, CURRENT_PLAN_END)
            # Issued after the reform took effect (01/07/2025), or early in a later year.
            issued_on = (
                datetime.date(start, 8, 1) if start == REFORM_YEAR else datetime.date(start, 3, 1)
            )
            before = _max_id(ActionPlan)
            ActionPlan.objects.bulk_create(
                plan(
                    c.unit,
                    start,
                    end,
                    issued_on,
                    f"{300 + index}/KH-UBND",
                    old_plan_by_code.get(c.unit.code),
                )
                for index, c in enumerate(self.current_provinces)
            )
            plan_ids = dict(
                ActionPlan.objects.filter(pk__gt=before, source_note=SYNTHETIC_MARKER).values_list(
                    "province_id", "pk"
                )
            )
            for c in self.current_provinces:
                c.plan_id = plan_ids[c.unit.pk]
                localise(c.plan_id)
                organise(
                    c.plan_id,
                    c.doit_id,
                    Agency.Kind.COMMUNE_COMMITTEE,
                    "UBND các xã, phường, đặc khu",
                )
        Target.objects.bulk_create(targets, batch_size=1000)
        ReportingRule.objects.bulk_create(rules, batch_size=1000)
        AgencyAssignment.objects.bulk_create(assignments, batch_size=1000)
        self._step("plans", started, len(rules))

    # ------------------------------------------------------------------ facilities

    def _facilities_create(self) -> None:
        started = time.perf_counter()
        sectors = list(Sector.objects.order_by("order", "code"))
        rest = 1 - sum(SECTOR_WEIGHTS.values())
        sector_weights = [(s, SECTOR_WEIGHTS.get(s.code, rest)) for s in sectors]
        total_weight = sum(w for _s, w in sector_weights)
        sector_weights = [(s, w / total_weight) for s, w in sector_weights]
        places = [(p, district) for p in self.provinces for district in p.districts]
        if not places:
            self.result.counts["facilities"] = 0
            return
        serial = defaultdict(int)
        rng = self.rng
        span = len(self.years)
        counts = defaultdict(int)
        facility_columns = [
            "name",
            "tax_code",
            "sector_id",
            "size_class",
            "unit_id",
            "province_id",
            "industrial_zone",
            "address",
            "contact_person",
            "contact_phone",
            "contact_email",
            "status",
            "rejection_reason",
            "registered_at",
            "verified_at",
        ]
        status_columns = [
            "facility_id",
            "year",
            "size_class",
            "is_aware",
            "is_applying",
            "has_dedicated_unit",
            "trained_staff_count",
            "has_iso14001",
            "environmental_record",
            "energy_saving_percent",
            "material_saving_percent",
            "yearly_saving_vnd",
            "certificate_issuer",
            "certificate_date",
            "certificate_expires",
        ]
        measure_columns = [
            "facility_id",
            "year",
            "category",
            "title",
            "description",
            "investment_vnd",
            "yearly_saving_vnd",
            "energy_saving_percent",
            "energy_saving_unit",
            "material_saving_unit",
            "water_saving_unit",
            "publication_agreed",
            "publication_approved",
            "approved_at",
            "created_at",
        ]
        registered = _at(datetime.date(self.first_year, 1, 15))
        done = 0
        while done < self.facility_count:
            size = min(CHUNK_FACILITIES, self.facility_count - done)
            facility_rows, plans = [], []
            for _i in range(size):
                p, district = places[int(rng.random() * len(places))]
                unit, province_id = district, p.unit.pk
                # A share registered after the reform, with today's commune and province.
                if p.communes and rng.random() < 0.05:
                    unit = p.communes[int(rng.random() * len(p.communes))]
                    province_id = p.successor_id
                sector = _pick(rng, sector_weights)
                size_class = _pick(rng, SIZES)
                serial[p.unit.code] += 1
                number = serial[p.unit.code]
                tax_code = f"{p.unit.code}{10_000_000 + number:08d}"
                roll = rng.random()
                status = "verified" if roll < 0.92 else ("pending" if roll < 0.98 else "rejected")
                place = unit.name.split(" ", 1)[-1]
                facility_rows.append(
                    (
                        f"{COMPANY_KINDS[number % 4]} {sector.name.split(',')[0]} {place} {number}",
                        tax_code,
                        sector.pk,
                        size_class.value,
                        unit.pk,
                        province_id,
                        f"Khu công nghiệp {place}" if rng.random() < 0.3 else "",
                        f"Số {number}, {unit.name}, {p.unit.name}",
                        "",
                        f"0{200 + number % 700:03d}{number:06d}"[:11],
                        f"lienhe{tax_code}@example.vn",
                        status,
                        "Không đủ hồ sơ chứng minh hoạt động sản xuất."
                        if status == "rejected"
                        else "",
                        registered,
                        registered if status == "verified" else None,
                    )
                )
                aware = self.first_year + int(rng.random() * span * 1.4)
                applying = aware + 1 + int(rng.random() * 5) if rng.random() < 0.6 else None
                plans.append(
                    (
                        tax_code,
                        size_class.value,
                        aware,
                        applying,
                        rng.random(),
                        rng.random(),
                        rng.random(),
                        rng.random(),
                    )
                )
            before = _max_id(Facility)
            counts["facilities"] += _insert(Facility, facility_columns, facility_rows)
            ids = _new_ids(Facility, before, "tax_code")
            statuses, measures = [], []
            for tax_code, size_class, aware, applying, r1, r2, r3, r4 in plans:
                facility_id = ids[tax_code]
                big = size_class != "small"
                record = "eia" if r1 < 0.3 else ("commitment" if r1 < 0.8 else "none")
                energy = f"{2 + r2 * 18:.2f}"
                material = f"{1 + r3 * 12:.2f}"
                saving = int(50_000_000 + r4 * 2_000_000_000)
                staff = 1 + int(r4 * 6)
                unit_year = applying + 1 if applying and big and r2 < 0.5 else None
                iso_year = applying + 2 if applying and big and r3 < 0.25 else None
                certified = applying + 1 if applying and r1 < 0.15 else None
                for year in self.years:
                    is_applying = applying is not None and year >= applying
                    has_cert = certified is not None and year >= certified
                    statuses.append(
                        (
                            facility_id,
                            year,
                            size_class,
                            year >= aware,
                            is_applying,
                            unit_year is not None and year >= unit_year,
                            staff + (year - applying) // 3 if is_applying else 0,
                            iso_year is not None and year >= iso_year,
                            record,
                            energy if is_applying else None,
                            material if is_applying else None,
                            saving if is_applying else None,
                            "Trung tâm Sản xuất sạch Việt Nam" if has_cert else "",
                            datetime.date(certified, 6, 1) if has_cert else None,
                            datetime.date(certified + 3, 5, 31) if has_cert else None,
                        )
                    )
                if applying is not None and applying <= self.last_year:
                    for k in range(1 + (r2 < 0.3)):
                        category = MEASURE_CATEGORIES[int(r3 * 8 + k) % 8]
                        agreed = r1 < 0.2
                        approved = agreed and r4 < 0.5
                        measures.append(
                            (
                                facility_id,
                                applying,
                                category,
                                MEASURE_TITLES[category],
                                "Giải pháp do cơ sở tự thực hiện sau đánh giá SXSH.",
                                int(20_000_000 + r2 * 800_000_000),
                                saving // (k + 2),
                                energy,
                                "kWh/năm",
                                "",
                                "",
                                agreed,
                                approved,
                                self.now if approved else None,
                                _at(datetime.date(applying, 9, 1)),
                            )
                        )
            counts["statuses"] += _insert(FacilityYearStatus, status_columns, statuses)
            counts["measures"] += _insert(Measure, measure_columns, measures)
            done += size
            self.log(f"  {done:,}/{self.facility_count:,} cơ sở")
        self.result.counts.update(counts)
        self._step("facilities_statuses_measures", started)

    # ------------------------------------------------------------------ reporting

    def _reporting_plans(self) -> list[_ReportingPlan]:
        """The old provinces' plans with their district committees for the years before the
        reform, then today's provinces' plans with their commune committees for the others."""
        plans = []
        if self.old_years:
            for p in self.provinces:
                units = [
                    (district.pk, p.committee_by_district[district.pk])
                    for district in p.districts
                    if district.pk in p.committee_by_district
                ]
                plans.append(_ReportingPlan(p.plan_id, self.old_years, units))
        if self.new_years:
            for c in self.current_provinces:
                units = [
                    (commune.pk, c.committee_by_commune[commune.pk])
                    for commune in c.communes
                    if commune.pk in c.committee_by_commune
                ]
                plans.append(_ReportingPlan(c.plan_id, self.new_years, units))
        return plans

    def _registry(self) -> dict[tuple[int, int], dict[str, Decimal]]:
        """(district or commune id, year) → the figures the registry yields, in one grouped
        query: districts for the years before the reform, communes for the others.

        The same sums as reporting.selectors.registry_figures, set-based: the generator sets
        both saving percentages or neither, so the larger of the two is never NULL.
        """
        medium_large = Q(size_class__in=["medium", "large"])
        district_ids = [d.pk for p in self.provinces for d in p.districts]
        commune_ids = [commune.pk for c in self.current_provinces for commune in c.communes]
        where = Q(pk__in=[])
        if self.old_years and district_ids:
            where |= Q(facility__unit_id__in=district_ids, year__lt=REFORM_YEAR)
        if self.new_years and commune_ids:
            where |= Q(facility__unit_id__in=commune_ids, year__gte=REFORM_YEAR)
        rows = (
            FacilityYearStatus.objects.filter(where, facility__status=Facility.Status.VERIFIED)
            .values("facility__unit_id", "year")
            .annotate(
                facilities=Count("pk"),
                aware=Count("pk", filter=Q(is_aware=True)),
                applying=Count("pk", filter=Q(is_applying=True)),
                medium_large=Count("pk", filter=medium_large),
                with_unit=Count("pk", filter=medium_large & Q(has_dedicated_unit=True)),
                with_trained_staff=Count("pk", filter=Q(trained_staff_count__gt=0)),
                trained_staff=Sum("trained_staff_count"),
                saving_vnd=Sum("yearly_saving_vnd"),
                appliers_with_saving=Count(
                    "pk", filter=Q(is_applying=True, energy_saving_percent__isnull=False)
                ),
                saving_sum=Sum(
                    Greatest(F("energy_saving_percent"), F("material_saving_percent")),
                    filter=Q(is_applying=True, energy_saving_percent__isnull=False),
                ),
            )
            .order_by()
        )
        registry = {}
        for row in rows:
            figures = {
                name: Decimal(row[name] or 0)
                for name in (
                    "facilities",
                    "aware",
                    "applying",
                    "medium_large",
                    "with_unit",
                    "with_trained_staff",
                    "trained_staff",
                    "saving_vnd",
                    "appliers_with_saving",
                )
            }
            if row["appliers_with_saving"]:
                figures["saving_percent"] = (
                    Decimal(row["saving_sum"]) / row["appliers_with_saving"]
                ).quantize(Decimal("0.01"))
            registry[(row["facility__unit_id"], row["year"])] = figures
        return registry

    def _report_state(self, year: int) -> str:
        roll = self.rng.random()
        if year < self.last_year:
            table = [("accepted", 0.85), ("submitted", 0.07), ("returned", 0.03), ("draft", 0.05)]
        else:
            table = [("draft", 0.3), ("submitted", 0.3), ("returned", 0.15), ("accepted", 0.25)]
        for state, weight in table:
            roll -= weight
            if roll < 0:
                return state
        return "draft"

    def _reporting_create(self) -> None:
        started = time.perf_counter()
        registry = self._registry()
        self._step("registry_aggregate", started)
        started = time.perf_counter()
        rng = self.rng
        before = _max_id(ReportingYear)
        reporting_plans = self._reporting_plans()
        ReportingYear.objects.bulk_create(
            (
                ReportingYear(
                    plan_id=plan.plan_id, year=year, opened_at=_at(datetime.date(year, 10, 1))
                )
                for plan in reporting_plans
                for year in plan.years
            ),
            batch_size=1000,
        )
        year_ids = {
            (plan_id, year): pk
            for pk, plan_id, year in ReportingYear.objects.filter(pk__gt=before).values_list(
                "pk", "plan_id", "year"
            )
        }
        report_rows, plans = [], []
        for plan in reporting_plans:
            for year in plan.years:
                due = datetime.date(year, 12, 15)
                for territory_id, agency_id in plan.units:
                    state = self._report_state(year)
                    late = rng.random() < 0.15
                    sent_day = due + datetime.timedelta(
                        days=1 + int(rng.random() * 20) if late else -int(rng.random() * 14)
                    )
                    first = _at(sent_day) if state != "draft" else None
                    accepted = _at(sent_day + datetime.timedelta(days=5))
                    report_rows.append(
                        (
                            year_ids[(plan.plan_id, year)],
                            agency_id,
                            due,
                            state,
                            1,
                            "Thiếu kinh phí hỗ trợ doanh nghiệp." if rng.random() < 0.3 else "",
                            "",
                            first,
                            first if state in ("submitted", "accepted") else None,
                            accepted if state == "accepted" else None,
                            "Số liệu chưa khớp với cơ sở dữ liệu, đề nghị rà soát."
                            if state == "returned"
                            else "",
                            first or _at(datetime.date(year, 11, 1)),
                        )
                    )
                    plans.append((territory_id, year, state, rng.random(), rng.random(), first))
        before = _max_id(UnitReport)
        count = _insert(
            UnitReport,
            [
                "reporting_year_id",
                "agency_id",
                "due_date",
                "state",
                "version",
                "difficulties",
                "proposals",
                "first_submitted_at",
                "submitted_at",
                "accepted_at",
                "returned_reason",
                "updated_at",
            ],
            report_rows,
        )
        report_ids = list(
            UnitReport.objects.filter(pk__gt=before).order_by("pk").values_list("pk", flat=True)
        )
        values, activities, transitions = [], [], []
        for report_id, (territory_id, year, state, r1, r2, first) in zip(
            report_ids, plans, strict=True
        ):
            computed = registry.get((territory_id, year), {})
            for figure in Figure:
                value = computed.get(figure.value)
                if figure in (Figure.OFFICERS, Figure.OFFICERS_TRAINED):
                    value = None
                    reported = Decimal(1 + int(r1 * 3))
                    if figure == Figure.OFFICERS_TRAINED:
                        reported = Decimal(int(int(reported) * r2))
                elif value is not None and figure == Figure.AWARE and r1 < 0.1:
                    # Some units under-report awareness: the consolidation flags it.
                    reported = Decimal(int(value * Decimal("0.8")))
                else:
                    reported = value
                if state == "draft" and r2 < 0.5:
                    reported = None
                if value is None and reported is None:
                    continue
                values.append((report_id, figure.value, reported, value))
            if state == "draft":
                continue
            transitions.append((report_id, "submit", "draft", "submitted", first, ""))
            if state == "accepted":
                transitions.append(
                    (
                        report_id,
                        "accept",
                        "submitted",
                        "accepted",
                        first + datetime.timedelta(days=5),
                        "",
                    )
                )
            elif state == "returned":
                transitions.append(
                    (
                        report_id,
                        "return",
                        "submitted",
                        "returned",
                        first + datetime.timedelta(days=3),
                        "Số liệu chưa khớp với cơ sở dữ liệu, đề nghị rà soát.",
                    )
                )
            for kind, chance, month in (("workshop", 0.6, 6), ("training", 0.5, 9)):
                if r1 < chance:
                    activities.append(
                        (
                            report_id,
                            kind,
                            datetime.date(year, month, 10 + int(r2 * 15)),
                            "Hội thảo phổ biến SXSH"
                            if kind == "workshop"
                            else "Tập huấn đánh giá nhanh SXSH",
                            20 + int(r2 * 80),
                            5 + int(r1 * 40),
                            int(10_000_000 + r2 * 90_000_000),
                            FUNDING_KINDS[int(r1 * 10) % len(FUNDING_KINDS)],
                        )
                    )
        self.result.counts["unit_reports"] = count
        self.result.counts["report_values"] = _insert(
            UnitReportValue, ["report_id", "figure", "reported_value", "computed_value"], values
        )
        self.result.counts["activities"] = _insert(
            Activity,
            [
                "report_id",
                "kind",
                "date",
                "title",
                "participants",
                "enterprises_reached",
                "cost_vnd",
                "funding_source",
            ],
            activities,
        )
        self.result.counts["transitions"] = _insert(
            ReportTransition,
            ["report_id", "action", "from_state", "to_state", "at", "reason"],
            transitions,
        )
        self.result.counts["reporting_years"] = len(year_ids)
        self._step("reporting", started)

    def _consolidated_create(self) -> None:
        """Sent for every year but the last (frozen snapshots, built year by year so that
        later years find the plan's first year as their baseline); a draft for the last."""
        started = time.perf_counter()
        count = 0
        for year in self.years:
            reporting_years = ReportingYear.objects.filter(
                plan__source_note=SYNTHETIC_MARKER, year=year
            ).select_related("plan", "plan__province")
            created = []
            for reporting_year in reporting_years:
                if year == self.last_year:
                    created.append(ConsolidatedReport(reporting_year=reporting_year))
                    continue
                built = consolidation_build(
                    reporting_year=reporting_year, today=datetime.date(year + 1, 1, 10)
                )
                created.append(
                    ConsolidatedReport(
                        reporting_year=reporting_year,
                        state=ConsolidatedReport.State.SUBMITTED,
                        submitted_at=_at(datetime.date(year + 1, 1, 10)),
                        snapshot=built.to_json(),
                    )
                )
            ConsolidatedReport.objects.bulk_create(created, batch_size=500)
            sent = [report for report in created if report.is_submitted]
            SentIndicator.objects.bulk_create(
                [row for report in sent for row in sent_indicators_of(report)], batch_size=2000
            )
            count += len(created)
        self._step("consolidated_reports", started, count)


def national_data_generate(
    *,
    facilities: int,
    first_year: int,
    last_year: int,
    seed: int = 2026,
    provinces: int | None = None,
    log: Callable[[str], None] | None = None,
) -> SyntheticResult:
    """Generate the synthetic national data set (see the module docstring)."""
    return NationalDataGenerator(
        facilities=facilities,
        first_year=first_year,
        last_year=last_year,
        seed=seed,
        provinces=provinces,
        log=log,
    ).run()
