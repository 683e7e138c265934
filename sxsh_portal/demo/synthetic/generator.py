"""NationalDataGenerator, composed of the steps, and national_data_generate."""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable

from django.db import connection, transaction
from django.utils.translation import gettext as _

from facilities.services import sectors_load
from strategies.models import ActionPlan
from strategies.services import seed_documents_load
from sxsh_portal.territory.services import administrative_units_load

from .common import (
    REFORM_YEAR,
    SYNTHETIC_MARKER,
    SyntheticDataExists,
    SyntheticResult,
    _at,
    _is_postgresql,
)
from .places import PlacesMixin
from .registry import RegistryMixin
from .reports import ReportsMixin


class NationalDataGenerator(PlacesMixin, RegistryMixin, ReportsMixin):
    """One run: the steps in order, over one seeded random stream (see the package
    docstring)."""

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


def national_data_generate(
    *,
    facilities: int,
    first_year: int,
    last_year: int,
    seed: int = 2026,
    provinces: int | None = None,
    log: Callable[[str], None] | None = None,
) -> SyntheticResult:
    """Generate the synthetic national data set (see the package docstring)."""
    return NationalDataGenerator(
        facilities=facilities,
        first_year=first_year,
        last_year=last_year,
        seed=seed,
        provinces=provinces,
        log=log,
    ).run()
