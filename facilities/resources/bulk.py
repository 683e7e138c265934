"""The set-based import behind FacilityResource.import_data.

The per-row path of django-import-export costs a dozen queries a row (instance lookup, one
query per foreign key and per check constraint in full_clean, save, history, status save).
Here every lookup is prefetched once, each row is checked in Python with the same
validators and the same Vietnamese messages, and the rows are written in batches with
their history records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export.results import Result, RowResult

from sxsh_portal.territory.models import AdministrativeUnit

from ..models import (
    SIZES_WITH_DEDICATED_UNIT,
    TAX_CODE_PATTERN,
    Facility,
    FacilityYearStatus,
    Sector,
)
from ..selectors import province_of
from . import pg_copy
from .columns import (
    FACILITY_FIELDS,
    MEMO_LIMIT,
    MEMOISED,
    OUT_OF_JURISDICTION,
    STATUS_COLUMNS,
    STATUS_DEFAULTS,
    VALIDATED_TEXT,
    Memo,
    not_found_sector,
)
from .widgets import (
    as_text,
    is_blank,
    normalise,
)

BATCH_SIZE = 2000
_TAX_CODE = re.compile(TAX_CODE_PATTERN)


@dataclass(slots=True)
class ParsedRow:
    number: int
    tax_code: str
    facility: dict[str, Any]
    province_id: int | None
    status: dict[str, Any] | None


@dataclass
class BulkImport:
    """One import of a dataset by one DOIT: `validate()` then, if clean, `write()`."""

    actor: Any
    scope: Any
    headers: list[str]
    result: Result = field(default_factory=Result)
    rows: list[ParsedRow] = field(default_factory=list)

    def __post_init__(self):
        self.status_defaults = STATUS_DEFAULTS
        self.position = {header: index for index, header in enumerate(self.headers)}
        self.facility_columns = [
            (attribute, self.position[column], parser)
            for attribute, (column, parser) in FACILITY_FIELDS.items()
            if column in self.position
        ]
        self.status_columns = [
            (name, column, self.position[column], Memo(parser))
            for name, (column, parser) in STATUS_COLUMNS.items()
            if column in self.position
        ]
        self.status_column_of = {name: column for name, (column, _p) in STATUS_COLUMNS.items()}
        self.year_position = self.position.get(STATUS_COLUMNS["year"][0])
        self.memos = {
            attribute: Memo(parser)
            for attribute, _position, parser in self.facility_columns
            if attribute in MEMOISED
        }
        self.facility_model_fields = {f.name: f for f in Facility._meta.concrete_fields}
        self.status_model_fields = {f.name: f for f in FacilityYearStatus._meta.concrete_fields}
        self.status_field_checks: dict = {}

    # ------------------------------------------------------------------ prefetch

    def _prefetch(self, dataset) -> None:
        tax_position = self.position.get(FACILITY_FIELDS["tax_code"][0])
        unit_position = self.position.get(FACILITY_FIELDS["unit"][0])
        tax_codes, unit_codes = set(), set()
        for values in dataset:
            if tax_position is not None:
                tax_codes.add(as_text(values[tax_position]).replace(" ", ""))
            if unit_position is not None and not is_blank(values[unit_position]):
                unit_codes.add(as_text(values[unit_position]))
        tax_codes.discard("")

        # tax code → (pk, province, size class) of facilities already registered.
        self.existing: dict[str, tuple[int, int, str]] = {}
        codes = sorted(tax_codes)
        for start in range(0, len(codes), BATCH_SIZE):
            for tax_code, pk, province_id, size_class in Facility.objects.filter(
                tax_code__in=codes[start : start + BATCH_SIZE]
            ).values_list("tax_code", "pk", "province_id", "size_class"):
                self.existing[tax_code] = (pk, province_id, size_class)

        # The first sector in the managed order wins, as the per-row lookup did.
        self.sectors: dict[str, Sector] = {}
        for sector in Sector.objects.all():
            self.sectors.setdefault(normalise(sector.name), sector)
            self.sectors.setdefault(normalise(sector.code), sector)

        # A unit code → (unit valid today, else the newest one; its province).
        candidates: dict[str, list[AdministrativeUnit]] = {}
        for unit in (
            AdministrativeUnit.objects.filter(code__in=unit_codes)
            .exclude(level=AdministrativeUnit.Level.PROVINCE)
            .select_related("parent__parent__parent")
            .order_by("-valid_from")
        ):
            candidates.setdefault(unit.code, []).append(unit)
        self.units: dict[str, tuple[AdministrativeUnit, AdministrativeUnit]] = {}
        for code, found in candidates.items():
            current = [unit for unit in found if unit.valid_to is None]
            unit = (current or found)[0]
            self.units[code] = (unit, province_of(unit))

    # ------------------------------------------------------------------ validation

    def validate(self, dataset) -> Result:
        result = self.result
        result.total_rows = len(dataset)
        self._prefetch(dataset)
        seen: set[str] = set()
        fields = self.facility_model_fields
        for number, values in enumerate(dataset, 1):
            errors: dict[str, list[str]] = {}
            facility: dict[str, Any] = {}
            for attribute, position, parser in self.facility_columns:
                value = values[position]
                if attribute == "sector":
                    if is_blank(value):
                        errors[attribute] = [_("Không được để trống.")]
                    else:
                        sector = self.sectors.get(normalise(value))
                        if sector is None:
                            errors[attribute] = [not_found_sector(value)]
                        else:
                            facility[attribute] = sector
                    continue
                if attribute == "unit":
                    if is_blank(value):
                        errors[attribute] = [_("Không được để trống.")]
                        continue
                    code = as_text(value)
                    found = self.units.get(code)
                    if found is None:
                        errors[attribute] = [
                            _("Không tìm thấy đơn vị hành chính có mã “%(code)s”.") % {"code": code}
                        ]
                    else:
                        facility[attribute] = found[0]
                    continue
                memo = self.memos.get(attribute)
                if memo is not None:
                    ok, cleaned = memo(value)
                    if not ok:
                        errors[attribute] = [cleaned]
                        continue
                else:
                    try:
                        cleaned = parser(value)
                    except ValueError as exc:
                        errors[attribute] = [str(exc)]
                        continue
                facility[attribute] = cleaned

            tax_code = facility.get("tax_code", "")
            existing = self.existing.get(tax_code)
            if existing is not None and not self.scope.manages_province(existing[1]):
                errors["tax_code"] = [
                    _("Mã số thuế này thuộc một cơ sở ngoài phạm vi quản lý của bạn.")
                ]
            province_id = None
            if "unit" not in errors and "unit" in facility:
                province = self.units[facility["unit"].code][1]
                if not self.scope.manages_province(province.pk):
                    errors["unit"] = [str(OUT_OF_JURISDICTION)]
                else:
                    province_id = province.pk

            status, status_errors = self._status_from_row(values)
            errors.update(status_errors)

            # What full_clean() would add: the model's own validators, run only where a
            # value could fail them (the slow Django path then words the message).
            for attribute in ("tax_code", "name", "industrial_zone", "address"):
                self._check_text(attribute, facility, errors, fields)
            for attribute in ("contact_person", "contact_phone", "contact_email"):
                self._check_text(attribute, facility, errors, fields)

            if status is not None:
                size_class = facility.get("size_class")
                if size_class is None and "size_class" in errors and existing is not None:
                    size_class = existing[2]
                errors.update(self._status_errors(status, size_class or "", set(errors)))

            if errors:
                result.append_invalid_row(number, {}, ValidationError(errors))
                result.totals[RowResult.IMPORT_TYPE_INVALID] += 1
                continue
            if existing is not None or tax_code in seen:
                result.totals[RowResult.IMPORT_TYPE_UPDATE] += 1
            else:
                result.totals[RowResult.IMPORT_TYPE_NEW] += 1
            seen.add(tax_code)
            if status is not None:
                status["size_class"] = facility.get("size_class")
            self.rows.append(ParsedRow(number, tax_code, facility, province_id, status))
        return result

    def _check_text(self, attribute, facility, errors, fields) -> None:
        if attribute in errors or attribute not in facility:
            return
        value = facility[attribute]
        model_field = fields[attribute]
        if not value and model_field.blank:
            return
        if attribute == "tax_code":
            if _TAX_CODE.match(value) and len(value) <= model_field.max_length:
                return
        elif attribute not in VALIDATED_TEXT and len(value) <= model_field.max_length:
            return
        try:
            model_field.clean(value, None)
        except ValidationError as exc:
            errors[attribute] = exc.messages

    def _status_from_row(self, values) -> tuple[dict | None, dict]:
        year_column = self.status_column_of["year"]
        if self.year_position is None or is_blank(values[self.year_position]):
            filled = [
                column
                for name, column, position, _memo in self.status_columns
                if name != "year" and not is_blank(values[position])
            ]
            if filled:
                return None, {year_column: [_("Ghi năm cho các cột tình hình SXSH.")]}
            return None, {}
        status: dict[str, Any] = {}
        errors: dict[str, list[str]] = {}
        defaults = self.status_defaults
        for name, column, position, memo in self.status_columns:
            ok, value = memo(values[position])
            if not ok:
                errors[column] = [value]
                continue
            if value is None or value == "":
                value = defaults.get(name, value if value == "" else None)
            status[name] = value
        return status, errors

    def _status_errors(self, status: dict, size_class: str, already: set[str]) -> dict:
        column_of = self.status_column_of
        errors: dict[str, list[str]] = {}
        skip = {name for name, column in column_of.items() if column in already}
        if status.get("has_dedicated_unit") and size_class not in SIZES_WITH_DEDICATED_UNIT:
            errors[column_of["has_dedicated_unit"]] = [
                _("Chỉ doanh nghiệp vừa và lớn mới khai báo bộ phận chuyên trách về SXSH.")
            ]
            skip.add("has_dedicated_unit")
        expires, issued = status.get("certificate_expires"), status.get("certificate_date")
        if expires and (issued is None or expires < issued):
            errors[column_of["certificate_expires"]] = [
                _("Ngày hết hạn giấy chứng nhận phải sau hoặc bằng ngày cấp.")
            ]
            skip.add("certificate_expires")
        # The model's field validators (years, ranges, percentages, lengths); the check
        # constraints only repeat them and the two rules above.
        for name, value in status.items():
            if name in skip:
                continue
            messages = self._status_field_messages(name, value)
            if messages:
                errors[column_of[name]] = messages
        return errors

    def _status_field_messages(self, name: str, value) -> list[str] | None:
        key = (name, type(value), value)
        try:
            return self.status_field_checks[key]
        except KeyError:
            pass
        model_field = self.status_model_fields[name]
        messages = None
        if not (model_field.blank and value in model_field.empty_values):
            try:
                model_field.clean(value, None)
            except ValidationError as exc:
                messages = exc.messages
        if len(self.status_field_checks) < MEMO_LIMIT * 4:
            self.status_field_checks[key] = messages
        return messages

    # ------------------------------------------------------------------ writing

    def write(self) -> None:
        """Write the validated rows (the caller holds the transaction): a row's tax code
        updates the facility already registered under it, or creates it verified."""
        now = timezone.now()
        self.copy = pg_copy.available()
        # The last row of a tax code, and of a tax code and year, wins: as if the rows
        # were saved one after another.
        last: dict[str, ParsedRow] = {}
        statuses: dict[str, dict[int, dict]] = {}
        for row in self.rows:
            last[row.tax_code] = row
            if row.status is not None:
                statuses.setdefault(row.tax_code, {})[row.status["year"]] = row.status
        tax_codes = list(last)
        for start in range(0, len(tax_codes), BATCH_SIZE):
            chunk = tax_codes[start : start + BATCH_SIZE]
            pks = self._write_facilities([last[code] for code in chunk], now)
            self._write_statuses(
                [
                    (pks[code], status)
                    for code in chunk
                    for status in statuses.get(code, {}).values()
                ],
                existing_pks=[self.existing[code][0] for code in chunk if code in self.existing],
                now=now,
            )

    def _history(self, model, objs, *, update: bool, now) -> None:
        model.history.bulk_history_create(
            objs, batch_size=BATCH_SIZE, update=update, default_user=self.actor, default_date=now
        )

    def _write_facilities(self, rows: list[ParsedRow], now) -> dict[str, int]:
        existing_pks = [self.existing[r.tax_code][0] for r in rows if r.tax_code in self.existing]
        instances = Facility.objects.in_bulk(existing_pks) if existing_pks else {}
        new_rows, changed = [], []
        update_fields: set[str] = {"province"}
        for row in rows:
            old = self.existing.get(row.tax_code)
            if old is None:
                new_rows.append(row)
                continue
            facility = instances[old[0]]
            for attribute, value in row.facility.items():
                setattr(facility, attribute, value)
            update_fields.update(row.facility)
            facility.province_id = row.province_id
            changed.append(facility)
        pks = self._create_facilities(new_rows, now)
        if changed:
            Facility.objects.bulk_update(changed, sorted(update_fields), batch_size=500)
            self._history(Facility, changed, update=True, now=now)
            # The record just written is the verified state of a verified facility that
            # has none yet.
            latest = (
                Facility.history.filter(id=OuterRef("pk"))
                .order_by("-history_id")
                .values("history_id")[:1]
            )
            Facility.objects.filter(
                pk__in=[facility.pk for facility in changed],
                status=Facility.Status.VERIFIED,
                verified_history_id__isnull=True,
            ).update(verified_history_id=Subquery(latest))
            pks.update((facility.tax_code, facility.pk) for facility in changed)
        return pks

    def _create_facilities(self, rows: list[ParsedRow], now) -> dict[str, int]:
        """New facilities, verified (the DOIT's own list needs no verification), each with
        its first history record as the verified state."""
        if not rows:
            return {}
        if not self.copy:
            new = [
                Facility(
                    **row.facility,
                    province_id=row.province_id,
                    status=Facility.Status.VERIFIED,
                    registered_at=now,
                    verified_at=now,
                    verified_by=self.actor,
                )
                for row in rows
            ]
            Facility.objects.bulk_create(new, batch_size=BATCH_SIZE)
            records = Facility.history.bulk_history_create(
                new, batch_size=BATCH_SIZE, default_user=self.actor, default_date=now
            )
            for facility, record in zip(new, records, strict=True):
                facility.verified_history_id = record.history_id
            Facility.objects.bulk_update(new, ["verified_history_id"], batch_size=500)
            return {facility.tax_code: facility.pk for facility in new}

        history = Facility.history.model
        pks = pg_copy.next_ids(Facility, "id", len(rows))
        history_ids = pg_copy.next_ids(history, "history_id", len(rows))
        facilities, records = [], []
        common = {
            "status": Facility.Status.VERIFIED,
            "registered_at": now,
            "verified_at": now,
            "verified_by_id": self.actor.pk,
        }
        for row, pk, history_id in zip(rows, pks, history_ids, strict=True):
            values = dict(row.facility, **common)
            values["sector_id"] = values.pop("sector").pk
            values["unit_id"] = values.pop("unit").pk
            values["province_id"] = row.province_id
            values["id"] = pk
            records.append(self._record(values, history_id, now))
            values["verified_history_id"] = history_id
            facilities.append(values)
        pg_copy.copy_rows(Facility, facilities)
        pg_copy.copy_rows(history, records)
        return {row.tax_code: pk for row, pk in zip(rows, pks, strict=True)}

    def _record(self, values: dict, history_id: int | None, now) -> dict:
        return dict(
            values,
            history_id=history_id,
            history_date=now,
            history_change_reason="",
            history_type="+",
            history_user_id=self.actor.pk,
        )

    def _write_statuses(self, statuses: list[tuple[int, dict]], *, existing_pks, now) -> None:
        if not statuses:
            return
        found = {}
        if existing_pks:
            years = {values["year"] for _pk, values in statuses}
            found = {
                (status.facility_id, status.year): status
                for status in FacilityYearStatus.objects.filter(
                    facility_id__in=existing_pks, year__in=years
                )
            }
        new, changed = [], []
        update_fields: set[str] = set()
        for facility_pk, values in statuses:
            status = found.get((facility_pk, values["year"]))
            if status is None:
                new.append(dict(values, facility_id=facility_pk))
            else:
                for name, value in values.items():
                    setattr(status, name, value)
                update_fields.update(values)
                changed.append(status)
        if new and self.copy:
            for values, pk in zip(
                new, pg_copy.next_ids(FacilityYearStatus, "id", len(new)), strict=True
            ):
                values["id"] = pk
            pg_copy.copy_rows(FacilityYearStatus, new)
            # Nothing refers to these records: their keys come from the sequence.
            pg_copy.copy_rows(
                FacilityYearStatus.history.model,
                [self._record(values, None, now) for values in new],
                generated="history_id",
            )
        elif new:
            objs = [FacilityYearStatus(**values) for values in new]
            FacilityYearStatus.objects.bulk_create(objs, batch_size=BATCH_SIZE)
            self._history(FacilityYearStatus, objs, update=False, now=now)
        if changed:
            update_fields.discard("year")
            FacilityYearStatus.objects.bulk_update(changed, sorted(update_fields), batch_size=500)
            self._history(FacilityYearStatus, changed, update=True, now=now)
