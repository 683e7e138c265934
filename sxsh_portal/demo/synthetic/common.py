"""Constants, bulk-insert helpers and the small records the generator steps share."""

from __future__ import annotations

import csv
import datetime
import io
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import CharField, TextField

from facilities.models import Measure, SizeClass
from strategies.models import FundingSource
from sxsh_portal.territory.models import REFORM_2025_FROM, AdministrativeUnit

# Marks the plans this package creates: a second run refuses instead of duplicating.
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


class _GeneratorState:
    """What the generator's steps (the mixins composed in generator.py) share: set by
    NationalDataGenerator.__init__ and _provinces_prepare, written to by every step."""

    facility_count: int
    first_year: int
    last_year: int
    years: list[int]
    old_years: list[int]
    new_years: list[int]
    rng: random.Random
    province_limit: int | None
    log: Callable[[str], None]
    result: SyntheticResult
    now: datetime.datetime
    provinces: list[_Province]
    current_provinces: list[_CurrentProvince]
    # Defined by NationalDataGenerator: times a step, counts its rows, logs both.
    _step: Callable[..., None]
