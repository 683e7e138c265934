"""The set-based import behind FacilityResource.import_data.

The per-row path of django-import-export costs a dozen queries a row (instance lookup, one
query per foreign key and per check constraint in full_clean, save, history, status save).
Here the file is taken column by column, a slice of rows at a time: each distinct value of
a column is parsed and checked once with the same parsers, validators and Vietnamese
messages, every lookup is prefetched once, and only the rows with a problem are looked at
one by one. The rows are written set-based with their history records: on PostgreSQL by
COPY while the next slice is being checked (pg_copy.py; the caller's transaction is rolled
back if any row turns out to be invalid), elsewhere by the ORM's bulk operations once every
row has passed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export.results import Result, RowResult

from sxsh_portal.forms import CONTROL_CHARACTERS, TextError, clean_text

from ..models import (
    SIZES_WITH_DEDICATED_UNIT,
    TAX_CODE_PATTERN,
    Facility,
    FacilityYearStatus,
    Sector,
)
from . import pg_copy, trust
from .columns import (
    FACILITY_FIELDS,
    OUT_OF_JURISDICTION,
    STATUS_COLUMNS,
    STATUS_DEFAULTS,
    VALIDATED_TEXT,
    not_found_sector,
)
from .widgets import as_text, is_blank, normalise

BATCH_SIZE = 2000
# Rows checked (and, on PostgreSQL, handed to the writer) at a time.
SLICE_ROWS = 10_000
_TAX_CODE = re.compile(TAX_CODE_PATTERN)


def _labels(attributes: list[str]) -> list[str]:
    return [FACILITY_FIELDS[attribute][0] for attribute in attributes]


_NFC = unicodedata.normalize

# Facility attributes taken as text (TextWidget / TaxCodeWidget); the first three required.
_REQUIRED_TEXT = ("tax_code", "name", "address")
_TEXT_ATTRIBUTES = (
    *_REQUIRED_TEXT,
    "industrial_zone",
    "contact_person",
    "contact_phone",
    "contact_email",
)


def _rows(dataset) -> list[list]:
    rows = getattr(dataset, "plain_rows", None)  # files.SheetDataset, not yet made into Rows
    if rows is not None:
        return rows
    data = getattr(dataset, "_data", None)
    if data is not None:
        return [getattr(row, "_row", row) for row in data]
    return [list(values) for values in dataset]


def _texts(cells) -> list[str]:
    """as_text() over a column, inner runs of whitespace collapsed as a form does."""
    if not any(cells) and set(map(type, cells)) == {str}:
        return list(cells)  # an empty column
    return [_NFC("NFC", " ".join(v.split())) if type(v) is str else as_text(v) for v in cells]


def _control_characters(cells) -> dict[int, str]:
    """{position: message} of the text cells holding a control character."""
    if not CONTROL_CHARACTERS.search("".join(v for v in cells if type(v) is str)):
        return {}
    found = {}
    for i, value in enumerate(cells):
        if type(value) is str and CONTROL_CHARACTERS.search(value):
            try:
                clean_text(value)
            except TextError as exc:
                found[i] = str(exc)[:1].upper() + str(exc)[1:]
    return found


def _tax_codes(cells) -> list[str]:
    """TaxCodeWidget.clean() over a column, blanks as ""."""
    return [text.replace(" ", "") if " " in text else text for text in _texts(cells)]


def _map_distinct(cells, parse) -> tuple[list, dict[int, Any]]:
    """`parse` (value → (ok, result)) over a column, once per distinct cell: the results
    and {position: message} of the cells that fail. Cells are told apart by type too, as
    1, 1.0 and True are equal but do not parse alike."""
    try:
        if len(set(map(type, cells))) == 1:
            parsed = {value: parse(value) for value in set(cells)}
            results = list(map(parsed.__getitem__, cells))
        else:
            keys = list(zip(map(type, cells), cells, strict=True))
            parsed = {key: parse(key[1]) for key in set(keys)}
            results = list(map(parsed.__getitem__, keys))
    except TypeError:  # an unhashable cell
        results = [parse(value) for value in cells]
    else:
        if all(ok for ok, _value in parsed.values()):
            return [value for _ok, value in results], {}
    errors = {i: message for i, (ok, message) in enumerate(results) if not ok}
    return [value if ok else None for ok, value in results], errors


def _catching(parser):
    def parse(value):
        try:
            return True, parser(value)
        except ValueError as exc:
            return False, str(exc)

    return parse


def _status_parser(parser, default):
    """A status cell: parsed, blank taken as the model's default."""

    def parse(value):
        try:
            parsed = parser(value)
        except ValueError as exc:
            return False, str(exc)
        if parsed is None or parsed == "":
            return True, default if default is not None else (parsed if parsed == "" else None)
        return True, parsed

    return parse


@dataclass
class BulkImport:
    """One import of a dataset by one DOIT: `validate()` (the dry run) or `import_rows()`."""

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
            (name, header, self.position[header], _status_parser(parser, STATUS_DEFAULTS.get(name)))
            for name, (header, parser) in STATUS_COLUMNS.items()
            if header in self.position
        ]
        if self.position.get(self.status_column_of["year"]) is None:
            self.status_present = []
        # What the checks leave for the writers, one entry per row of the file: facility
        # attributes (sector and unit as ids), statuses (None where a row has no year).
        self.count = 0
        self.errors: dict[int, dict[str, list[str]]] = defaultdict(dict)
        self.values: dict[str, list] = defaultdict(list)
        self.province_ids: list[int | None] = []
        self.statuses: dict[str, list] = defaultdict(list)
        self.status_rows: list[int] = []
        self.lines: list[int] | None = None
        # (row, tax code, name, [(attribute, old, new)]) of the registered facilities changed.
        self.changes: list[tuple] = []

    # ------------------------------------------------------------------ entry points

    def validate(self, dataset) -> Result:
        """The dry run: check every row, write nothing."""
        return self._run(dataset, None)

    def import_rows(self, dataset) -> Result:
        """Check and write every row. The caller holds the transaction and rolls it back
        when the result has invalid rows: on PostgreSQL, rows are written while the next
        ones are still being checked."""
        if pg_copy.available():
            return self._run(dataset, pg_copy.Writer(self, timezone.now()))
        result = self._run(dataset, None)
        if not result.has_validation_errors():
            OrmWriter(self, timezone.now()).write()
        return result

    def _run(self, dataset, writer) -> Result:
        result = self.result
        rows = _rows(dataset)
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
            _tax_codes(columns[tax_position]) if tax_position is not None else [""] * self.count
        )
        unit_position = self.position.get(FACILITY_FIELDS["unit"][0])
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
            parse = _catching(STATUS_COLUMNS["year"][1])
            self.years, _errors = _map_distinct(columns[year_position], parse)
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
        values = self.values
        required = _("Không được để trống.")

        def cells(attribute):
            return columns[self.position[FACILITY_FIELDS[attribute][0]]]

        for attribute in _TEXT_ATTRIBUTES:
            if attribute not in self.present:
                continue
            if attribute == "tax_code":
                texts = self.tax_codes[offset : offset + count]
            else:
                texts = _texts(cells(attribute))
            if attribute in _REQUIRED_TEXT:
                self._fail(
                    {i: required for i, text in enumerate(texts) if not text}, attribute, offset
                )
            self._fail(_control_characters(cells(attribute)), attribute, offset)
            values[attribute].extend(texts)

        if "sector" in self.present:

            def sector_of(value):
                if is_blank(value):
                    return False, required
                sector = self.sectors.get(normalise(value))
                if sector is None:
                    return False, not_found_sector(value)
                return True, sector.pk

            sector_ids, found = _map_distinct(cells("sector"), sector_of)
            self._fail(found, "sector", offset)
            values["sector"].extend(sector_ids)

        province_ids: list[int | None] = [None] * count
        if "unit" in self.present:
            resolver, manages = self.resolver, self.scope.manages_province
            outside = str(OUT_OF_JURISDICTION)
            self.unit_objects = getattr(self, "unit_objects", {})

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

            pairs, found = _map_distinct(cells("unit"), unit_of)
            self._fail(found, "unit", offset)
            if found:
                pairs = [pair or (None, None) for pair in pairs]
            unit_ids, province_ids = (list(ids) for ids in zip(*pairs, strict=True))
            values["unit"].extend(unit_ids)
            self._check_unit_names(columns, offset, unit_ids)
        self.province_ids.extend(province_ids)

        if "size_class" in self.present:
            sizes, found = _map_distinct(
                cells("size_class"), _catching(FACILITY_FIELDS["size_class"][1])
            )
            self._fail(found, "size_class", offset)
            values["size_class"].extend(sizes)

        # A tax code registered under another province may not be overwritten.
        existing = self.existing
        if existing:
            outside = _("Mã số thuế này thuộc một cơ sở ngoài phạm vi quản lý của bạn.")
            found = {}
            for i, tax_code in enumerate(self.tax_codes[offset : offset + count]):
                known = existing.get(tax_code)
                if known is not None and not self.scope.manages_province(known[1]):
                    found[i] = outside
            self._fail(found, "tax_code", offset)

        # What full_clean() would add: the model's own validators, for each distinct value
        # that could fail them (the slow Django path then words the message).
        for attribute in _TEXT_ATTRIBUTES:
            if attribute in self.present:
                texts = values[attribute][offset : offset + count]
                self._fail(self._text_checks(attribute, texts), attribute, offset, keep=True)

        self._check_statuses(columns, offset, count)
        self._check_updates(offset, count)

    def _check_unit_names(self, columns, offset: int, unit_ids: list) -> None:
        self._fail(trust.unit_name_errors(self, columns, unit_ids), "unit", offset)

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

    def _check_statuses(self, columns, offset: int, count: int) -> None:
        """The year's status columns: parsed, defaulted and checked as the model would."""
        statuses = self.statuses
        if not self.status_present:
            for name in STATUS_COLUMNS:
                statuses[name].extend([None] * count)
            return
        errors = self.errors
        column_of = self.status_column_of
        year_column = column_of["year"]
        years = columns[self.position[year_column]]
        with_year = [i for i, value in enumerate(years) if not is_blank(value)]
        if len(with_year) < count:
            # Status columns filled without a year.
            message = [_("Ghi năm cho các cột tình hình SXSH.")]
            blank_year = set(range(count)).difference(with_year)
            for name, _header, position, _parse in self.status_present:
                if name == "year":
                    continue
                for i in blank_year:
                    if not is_blank(columns[position][i]):
                        errors[offset + i][year_column] = message
        self.status_rows.extend(offset + i for i in with_year)
        everywhere = len(with_year) == count
        parsed_columns: dict[str, list] = {}
        failed: dict[int, set[str]] = defaultdict(set)  # parse errors and the two rules
        for name, header, position, parse in self.status_present:
            cells = columns[position]
            if not everywhere:
                cells = [cells[i] for i in with_year]
            parsed, found = _map_distinct(cells, parse)
            for j, message in found.items():
                i = offset + with_year[j]
                errors[i][header] = [message]
                failed[i].add(name)
            parsed_columns[name] = parsed

        nothing = [None] * len(with_year)
        sizes = self.values.get("size_class")
        # Only medium and large enterprises declare a dedicated unit.
        dedicated = parsed_columns.get("has_dedicated_unit", nothing)
        if any(dedicated):
            message = _("Chỉ doanh nghiệp vừa và lớn mới khai báo bộ phận chuyên trách về SXSH.")
            for j, local in enumerate(with_year):
                i = offset + local
                if not dedicated[j]:
                    continue
                size_class = sizes[i] if sizes else None
                if size_class is None and "size_class" in errors.get(i, ()):
                    known = self.existing.get(self.tax_codes[i])
                    size_class = known[2] if known is not None else None
                if (size_class or "") not in SIZES_WITH_DEDICATED_UNIT:
                    errors[i][column_of["has_dedicated_unit"]] = [message]
                    failed[i].add("has_dedicated_unit")
        expires = parsed_columns.get("certificate_expires", nothing)
        issued = parsed_columns.get("certificate_date", nothing)
        if any(expires):
            message = _("Ngày hết hạn giấy chứng nhận phải sau hoặc bằng ngày cấp.")
            for j, local in enumerate(with_year):
                if expires[j] and (issued[j] is None or expires[j] < issued[j]):
                    i = offset + local
                    errors[i][column_of["certificate_expires"]] = [message]
                    failed[i].add("certificate_expires")
        # The model's field validators (years, ranges, percentages, lengths), once per
        # distinct value; the check constraints only repeat them and the two rules above.
        for name, parsed in parsed_columns.items():
            model_field = self.status_model_fields[name]
            checked: dict = {}
            for key in set(zip(map(type, parsed), parsed, strict=True)):
                value = key[1]
                if model_field.blank and value in model_field.empty_values:
                    continue
                try:
                    model_field.clean(value, None)
                except ValidationError as exc:
                    checked[key] = exc.messages
            for j, value in enumerate(parsed) if checked else ():
                messages = checked.get((type(value), value))
                i = offset + with_year[j]
                if messages is not None and name not in failed.get(i, ()):
                    errors[i][column_of[name]] = messages

        # Full-length columns: None where a row has no status.
        for name in STATUS_COLUMNS:
            parsed = parsed_columns.get(name)
            if parsed is None:
                statuses[name].extend([None] * count)
            elif everywhere:
                statuses[name].extend(parsed)
            else:
                full: list = [None] * count
                for j, local in enumerate(with_year):
                    full[local] = parsed[j]
                statuses[name].extend(full)

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


class OrmWriter:
    """The writes through the ORM's bulk operations, for SQLite and other databases."""

    def __init__(self, importer: BulkImport, now):
        self.importer = importer
        self.actor = importer.actor
        self.now = now

    def write(self) -> None:
        importer = self.importer
        values = importer.values
        facility_rows, status_rows = importer.last_rows()
        attributes = [a for a in FACILITY_FIELDS if a in importer.present]
        attnames = {a: Facility._meta.get_field(a).attname for a in attributes}
        existing = importer.existing
        tax_codes = importer.tax_codes
        new: list[Facility] = []
        changed: list[Facility] = []
        for start in range(0, len(facility_rows), BATCH_SIZE):
            rows = facility_rows[start : start + BATCH_SIZE]
            pks = [existing[tax_codes[i]][0] for i in rows if tax_codes[i] in existing]
            instances = Facility.objects.in_bulk(pks) if pks else {}
            for i in rows:
                facility_values = {attnames[a]: values[a][i] for a in attributes}
                known = existing.get(tax_codes[i])
                if known is None:
                    new.append(
                        Facility(
                            **facility_values,
                            province_id=importer.province_ids[i],
                            status=Facility.Status.VERIFIED,
                            registered_at=self.now,
                            verified_at=self.now,
                            verified_by=self.actor,
                        )
                    )
                    continue
                facility = instances[known[0]]
                for attname, value in facility_values.items():
                    setattr(facility, attname, value)
                facility.province_id = importer.province_ids[i]
                changed.append(facility)
        pks = self._create(new)
        if changed:
            Facility.objects.bulk_update(changed, sorted({*attributes, "province"}), batch_size=500)
            self._history(Facility, changed, update=True)
            # The record just written is the verified state of a verified facility that
            # has none yet.
            latest = (
                Facility.history.filter(id=OuterRef("pk"))
                .order_by("-history_id")
                .values("history_id")[:1]
            )
            for start in range(0, len(changed), BATCH_SIZE):
                Facility.objects.filter(
                    pk__in=[facility.pk for facility in changed[start : start + BATCH_SIZE]],
                    status=Facility.Status.VERIFIED,
                    verified_history_id__isnull=True,
                ).update(verified_history_id=Subquery(latest))
            pks.update((facility.tax_code, facility.pk) for facility in changed)
        self._write_statuses(status_rows, pks)

    def _history(self, model, objs, *, update: bool) -> list:
        return model.history.bulk_history_create(
            objs,
            batch_size=BATCH_SIZE,
            update=update,
            default_user=self.actor,
            default_date=self.now,
        )

    def _create(self, new: list[Facility]) -> dict[str, int]:
        """New facilities, verified (the DOIT's own list needs no verification), each with
        its first history record as the verified state."""
        if not new:
            return {}
        Facility.objects.bulk_create(new, batch_size=BATCH_SIZE)
        records = self._history(Facility, new, update=False)
        for facility, record in zip(new, records, strict=True):
            facility.verified_history_id = record.history_id
        Facility.objects.bulk_update(new, ["verified_history_id"], batch_size=500)
        return {facility.tax_code: facility.pk for facility in new}

    def _write_statuses(self, status_rows: list[int], pks: dict[str, int]) -> None:
        if not status_rows:
            return
        importer = self.importer
        names = [name for name, _header, _position, _parse in importer.status_present]
        sizes = importer.values.get("size_class")
        rows = []
        for i in status_rows:
            status = {name: importer.statuses[name][i] for name in names}
            status["size_class"] = sizes[i] if sizes else None
            status["facility_id"] = pks[importer.tax_codes[i]]
            rows.append(status)
        existing_pks = sorted({pk for pk, _province, _size in importer.existing.values()})
        years = {values["year"] for values in rows}
        found = {}
        for start in range(0, len(existing_pks), BATCH_SIZE):
            for status in FacilityYearStatus.objects.filter(
                facility_id__in=existing_pks[start : start + BATCH_SIZE], year__in=years
            ):
                found[(status.facility_id, status.year)] = status
        new, changed = [], []
        for values in rows:
            status = found.get((values["facility_id"], values["year"]))
            if status is None:
                new.append(FacilityYearStatus(**values))
                continue
            for name, value in values.items():
                setattr(status, name, value)
            changed.append(status)
        if new:
            FacilityYearStatus.objects.bulk_create(new, batch_size=BATCH_SIZE)
            self._history(FacilityYearStatus, new, update=False)
        if changed:
            fields = sorted({*names, "size_class"} - {"year"})
            FacilityYearStatus.objects.bulk_update(changed, fields, batch_size=500)
            self._history(FacilityYearStatus, changed, update=True)
