"""The registry: facilities, their yearly SXSH statuses and measures, and its figures."""

from __future__ import annotations

import datetime
import time
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Greatest

from facilities.models import Facility, FacilityYearStatus, Measure, Sector
from facilities.selectors import registry_counts

from .common import (
    CHUNK_FACILITIES,
    COMPANY_KINDS,
    MEASURE_CATEGORIES,
    MEASURE_TITLES,
    REFORM_YEAR,
    SECTOR_WEIGHTS,
    SIZES,
    _at,
    _GeneratorState,
    _insert,
    _max_id,
    _new_ids,
    _pick,
)


class RegistryMixin(_GeneratorState):
    """The steps that fill the facility registry and read its figures back."""

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
            "admin_unit_id",
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

    def _registry(self) -> dict[tuple[int, int], dict[str, Decimal]]:
        """(district or commune id, year) → the figures the registry yields, in one grouped
        query: districts for the years before the reform, communes for the others.

        The same sums as reporting.selectors.registry_figures, set-based: the generator sets
        both saving percentages or neither, so the larger of the two is never NULL.
        """
        district_ids = [d.pk for p in self.provinces for d in p.districts]
        commune_ids = [commune.pk for c in self.current_provinces for commune in c.communes]
        where = Q(pk__in=[])
        if self.old_years and district_ids:
            where |= Q(facility__admin_unit_id__in=district_ids, year__lt=REFORM_YEAR)
        if self.new_years and commune_ids:
            where |= Q(facility__admin_unit_id__in=commune_ids, year__gte=REFORM_YEAR)
        rows = (
            FacilityYearStatus.objects.filter(where, facility__status=Facility.Status.VERIFIED)
            .values("facility__admin_unit_id", "year")
            .annotate(
                **registry_counts(),
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
            registry[(row["facility__admin_unit_id"], row["year"])] = figures
        return registry
