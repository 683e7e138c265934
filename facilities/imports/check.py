"""The checker of the facility import: every row, column by column.

The per-row path of django-import-export costs a dozen queries a row. Here the file is
taken column by column, a slice of rows at a time: each distinct value of a column is
parsed and checked once with the same parsers, validators and Vietnamese messages (the
status rows' rules are rules.py's, shared with the model and the form), every lookup is
prefetched once, and only the rows with a problem are looked at one by one. A writer
(write/) may be handed each slice once it has passed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _
from import_export.results import Result, RowResult

from ..models import TAX_CODE_PATTERN, Facility, FacilityYearStatus, Sector
from ..resources.columns import (
    FACILITY_FIELDS,
    OUT_OF_JURISDICTION,
    STATUS_COLUMNS,
    STATUS_DEFAULTS,
    VALIDATED_TEXT,
    not_found_sector,
)
from ..resources.widgets import is_blank, normalise
from . import trust
from .cells import catching, control_characters, map_distinct, plain_rows, status_parser
from .cells import tax_codes as tax_code_column
from .cells import texts as column_texts
from .statuses import check_statuses

BATCH_SIZE = 2000
# Rows checked (and, on PostgreSQL, handed to the writer) at a time.
SLICE_ROWS = 10_000
_TAX_CODE = re.compile(TAX_CODE_PATTERN)


# Facility attributes taken as text (TextWidget / TaxCodeWidget); the first three required.
_REQUIRED_TEXT = ("tax_code", "name", "address")
_TEXT_ATTRIBUTES = (
    *_REQUIRED_TEXT,
    "industrial_zone",
    "contact_person",
    "contact_phone",
    "contact_email",
)


@dataclass
class BulkImport:
    """One import of a dataset by one DOIT: `validate()` (the dry run) or `run()` with a
    writer (write/)."""

    actor: Any
    scope: Any
    headers: list[str]
    result: Result = field(default_factory=Result)
    # Whether the DOIT allowed the file to change verified facilities' profiles.
    allow_verified: bool = False

    def __post_init__(self):
        self.position = {header: index for index, header in enumerate(self.headers)}
        self.facility_model_fields = {f.name: f for f in Facility._meta.concrete_fields}
        self.status_model_fields = {f.name: f for f in FacilityYearStatus._meta.concrete_fields}
        self.status_column_of = {name: column for name, (column, _p) in STATUS_COLUMNS.items()}
        self.present = [
            attribute
            for attribute, (header, _p) in FACILITY_FIELDS.items()
            if header in self.position
        ]
        self.status_present = [
            (name, header, self.position[header], status_parser(parser, STATUS_DEFAULTS.get(name)))
            for name, (header, parser) in STATUS_COLUMNS.items()
            if header in self.position
        ]
        if self.position.get(self.status_column_of["year"]) is None:
            self.status_present = []
        # What the checks leave for the writers, one entry per row of the file: facility
        # attributes (sector and admin_unit as ids), statuses (None where a row has no year).
        self.count = 0
        self.errors: dict[int, dict[str, list[str]]] = defaultdict(dict)
        self.values: dict[str, list] = defaultdict(list)
        self.province_ids: list[int | None] = []
        self.statuses: dict[str, list] = defaultdict(list)
        self.status_rows: list[int] = []
        self.lines: list[int] | None = None
        # (row, tax code, name, [(attribute, old, new)]) of the registered facilities changed.
        self.changes: list[tuple] = []
        # Unit id → (unit, province) of the units the file names.
        self.unit_objects: dict[int, tuple] = {}

    # ------------------------------------------------------------------ entry points

    def validate(self, dataset) -> Result:
        """The dry run: check every row, write nothing."""
        return self.run(dataset, None)

    def run(self, dataset, writer) -> Result:
        """Check every row, handing each slice that passed to `writer` (if any). The caller
        holds the transaction and rolls it back when the result has invalid rows."""
        result = self.result
        rows = plain_rows(dataset)
        count = self.count = result.total_rows = len(rows)
        columns = list(zip(*rows, strict=False)) if rows else [()] * len(self.headers)
        self.lines = getattr(dataset, "lines", None)
        for index, cell_errors in (getattr(dataset, "cell_errors", None) or {}).items():
            self.errors[index].update(cell_errors)
        self._prepare(columns)
        if writer is not None:
            writer.start()
        try:
            # A small first slice sets PostgreSQL to work sooner.
            starts = [0, *range(min(count, SLICE_ROWS // 5), count, SLICE_ROWS)] if count else []
            for start, end in zip(starts, [*starts[1:], count], strict=True):
                first_status = len(self.status_rows)
                self._check_slice([column[start:end] for column in columns], start)
                if writer is not None and not self.errors:
                    writer.submit(start, end, self.status_rows[first_status:])
        except BaseException:
            if writer is not None:
                writer.finish(write=False)
            raise
        if writer is not None:
            writer.finish(write=not self.errors)
        self._totals()
        return result

    # ------------------------------------------------------------------ lookups

    def _prepare(self, columns) -> None:
        """What every slice needs: tax codes, years and the lookups, prefetched once."""
        tax_position = self.position.get(FACILITY_FIELDS["tax_code"][0])
        self.tax_codes = (
            tax_code_column(columns[tax_position])
            if tax_position is not None
            else [""] * self.count
        )
        unit_position = self.position.get(FACILITY_FIELDS["admin_unit"][0])
        self.resolver = trust.UnitResolver(
            list(columns[unit_position]) if unit_position is not None else []
        )

        # The first sector in the managed order wins, as the per-row lookup did.
        self.sectors: dict[str, Sector] = {}
        for sector in Sector.objects.all():
            self.sectors.setdefault(normalise(sector.name), sector)
            self.sectors.setdefault(normalise(sector.code), sector)

        self._prefetch_existing(set(self.tax_codes) - {""})

        # The year of each row (None: no status, or a year that fails), for the writer.
        self.years: list[int | None] = [None] * self.count
        if self.status_present:
            year_position = self.position[self.status_column_of["year"]]
            parse = catching(STATUS_COLUMNS["year"][1])
            self.years, _errors = map_distinct(columns[year_position], parse)
        self._check_duplicates(columns)
        profile_attributes = [a for a in trust.PROFILE_ATTRIBUTES if a in self.present]
        self.profile_attributes = profile_attributes
        self.profiles = (
            trust.existing_profiles(set(self.existing), profile_attributes) if self.existing else {}
        )

    def _check_duplicates(self, columns) -> None:
        for i, message in trust.duplicate_errors(self, columns).items():
            self.errors[i]["tax_code"] = [message]

    def _prefetch_existing(self, tax_codes: set[str]) -> None:
        """Tax code → (pk, province, size class) of the facilities already registered."""
        self.existing: dict[str, tuple[int, int, str]] = {}
        codes = sorted(tax_codes)
        if not codes:
            return
        if connection.vendor == "postgresql":
            # One statement: the codes travel as one array, not as 100,000 parameters.
            table = connection.ops.quote_name(Facility._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT tax_code, id, province_id, size_class FROM {table} "
                    "WHERE tax_code = ANY(%s)",
                    [codes],
                )
                for tax_code, pk, province_id, size_class in cursor.fetchall():
                    self.existing[tax_code] = (pk, province_id, size_class)
            return
        for start in range(0, len(codes), BATCH_SIZE):
            for tax_code, pk, province_id, size_class in Facility.objects.filter(
                tax_code__in=codes[start : start + BATCH_SIZE]
            ).values_list("tax_code", "pk", "province_id", "size_class"):
                self.existing[tax_code] = (pk, province_id, size_class)

    # ------------------------------------------------------------------ checks

    def _fail(self, found: dict[int, Any], key: str, offset: int, *, keep=False) -> None:
        errors = self.errors
        for index, message in found.items():
            messages = message if isinstance(message, list) else [message]
            if keep:
                errors[offset + index].setdefault(key, messages)
            else:
                errors[offset + index][key] = messages

    def _check_slice(self, columns, offset: int) -> None:
        """Check rows offset… of the file (`columns` holds their cells) as the per-row
        path did: errors keyed by model attribute (facility columns) or by column header
        (status columns), one message list per key."""
        count = len(columns[0]) if columns else 0
        self._check_texts(columns, offset, count)
        if "sector" in self.present:
            self._check_sectors(columns, offset)
        self._check_units(columns, offset, count)
        if "size_class" in self.present:
            sizes, found = map_distinct(
                self._cells(columns, "size_class"), catching(FACILITY_FIELDS["size_class"][1])
            )
            self._fail(found, "size_class", offset)
            self.values["size_class"].extend(sizes)
        self._check_outside(offset, count)
        # What full_clean() would add: the model's own validators, for each distinct value
        # that could fail them (the slow Django path then words the message).
        for attribute in _TEXT_ATTRIBUTES:
            if attribute in self.present:
                texts = self.values[attribute][offset : offset + count]
                self._fail(self._text_checks(attribute, texts), attribute, offset, keep=True)
        check_statuses(self, columns, offset, count)
        self._check_updates(offset, count)

    def _cells(self, columns, attribute: str):
        return columns[self.position[FACILITY_FIELDS[attribute][0]]]

    def _check_texts(self, columns, offset: int, count: int) -> None:
        required = _("Không được để trống.")
        for attribute in _TEXT_ATTRIBUTES:
            if attribute not in self.present:
                continue
            cells = self._cells(columns, attribute)
            if attribute == "tax_code":
                texts = self.tax_codes[offset : offset + count]
            else:
                texts = column_texts(cells)
            if attribute in _REQUIRED_TEXT and not all(texts):
                self._fail(
                    {i: required for i, text in enumerate(texts) if not text}, attribute, offset
                )
            self._fail(control_characters(cells), attribute, offset)
            self.values[attribute].extend(texts)

    def _check_sectors(self, columns, offset: int) -> None:
        required = _("Không được để trống.")

        def sector_of(value):
            if is_blank(value):
                return False, required
            sector = self.sectors.get(normalise(value))
            if sector is None:
                return False, not_found_sector(value)
            return True, sector.pk

        sector_ids, found = map_distinct(self._cells(columns, "sector"), sector_of)
        self._fail(found, "sector", offset)
        self.values["sector"].extend(sector_ids)

    def _check_units(self, columns, offset: int, count: int) -> None:
        if "admin_unit" not in self.present:
            self.province_ids.extend([None] * count)
            return
        resolver, manages = self.resolver, self.scope.manages_province
        outside = str(OUT_OF_JURISDICTION)
        required = _("Không được để trống.")

        def unit_of(value):
            if is_blank(value):
                return False, required
            ok, found = resolver.resolve(value)
            if not ok:
                return False, found
            unit, province = found
            if not manages(province.pk):
                return False, outside
            self.unit_objects[unit.pk] = (unit, province)
            return True, (unit.pk, province.pk)

        pairs, found = map_distinct(self._cells(columns, "admin_unit"), unit_of)
        self._fail(found, "admin_unit", offset)
        if found:
            pairs = [pair or (None, None) for pair in pairs]
        unit_ids, province_ids = (list(ids) for ids in zip(*pairs, strict=True))
        self.values["admin_unit"].extend(unit_ids)
        self.province_ids.extend(province_ids)
        self._check_unit_names(columns, offset, unit_ids)

    def _check_outside(self, offset: int, count: int) -> None:
        """A tax code registered under another province may not be overwritten."""
        existing = self.existing
        if not existing:
            return
        outside = _("Mã số thuế này thuộc một cơ sở ngoài phạm vi quản lý của bạn.")
        manages = self.scope.manages_province
        found = {}
        for i, tax_code in enumerate(self.tax_codes[offset : offset + count]):
            known = existing.get(tax_code)
            if known is not None and not manages(known[1]):
                found[i] = outside
        self._fail(found, "tax_code", offset)

    def _check_unit_names(self, columns, offset: int, unit_ids: list) -> None:
        self._fail(trust.unit_name_errors(self, columns, unit_ids), "admin_unit", offset)

    def _check_updates(self, offset: int, count: int) -> None:
        if self.profiles:
            self._fail(trust.update_errors(self, offset, count), "tax_code", offset, keep=True)

    def _text_checks(self, attribute: str, texts: list[str]) -> dict[int, list[str]]:
        model_field = self.facility_model_fields[attribute]
        limit = model_field.max_length
        if attribute not in VALIDATED_TEXT and max(map(len, texts), default=0) <= limit:
            return {}
        messages: dict[str, list[str]] = {}
        for text in set(texts):
            if not text:
                continue  # blank: the required ones have failed already, the others may be
            if attribute == "tax_code":
                if len(text) <= limit and _TAX_CODE.match(text):
                    continue
            elif attribute not in VALIDATED_TEXT and len(text) <= limit:
                continue
            try:
                model_field.clean(text, None)
            except ValidationError as exc:
                messages[text] = exc.messages
        if not messages:
            return {}
        return {i: messages[text] for i, text in enumerate(texts) if text in messages}

    def _totals(self) -> None:
        """Counts of new and updated facilities, and the invalid rows, in file order."""
        result, errors = self.result, self.errors
        totals = result.totals
        lines = self.lines
        for index in sorted(errors):
            number = lines[index] - 1 if lines else index + 1  # row_errors adds the header
            result.append_invalid_row(number, {}, ValidationError(errors[index]))
        totals[RowResult.IMPORT_TYPE_INVALID] += len(errors)
        seen: set[str] = set()
        existing = self.existing
        new = updated = 0
        for i, tax_code in enumerate(self.tax_codes):
            if i in errors:
                continue
            if tax_code in existing or tax_code in seen:
                updated += 1
            else:
                new += 1
            seen.add(tax_code)
        totals[RowResult.IMPORT_TYPE_NEW] += new
        totals[RowResult.IMPORT_TYPE_UPDATE] += updated
        result.facility_changes = trust.described_changes(self)

    # ------------------------------------------------------------------ for the writers

    def last_rows(self) -> tuple[list[int], list[int]]:
        """The rows written: the last one of each tax code, and of each tax code and year
        (as if the rows were saved one after another)."""
        tax_codes = self.tax_codes
        facilities = list({tax_code: i for i, tax_code in enumerate(tax_codes)}.values())
        years = self.statuses["year"]
        statuses = list({(tax_codes[i], years[i]): i for i in self.status_rows}.values())
        return sorted(facilities), sorted(statuses)
