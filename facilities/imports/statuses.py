"""The year's status columns of a slice: parsed, defaulted, the row rules (rules.py) and
the model's field validators, each distinct value once."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..resources.columns import STATUS_COLUMNS
from ..resources.widgets import is_blank
from . import rules
from .cells import map_distinct


def check_statuses(importer, columns, offset: int, count: int) -> None:
    """Check the status columns of rows offset…offset+count-1 and extend
    importer.statuses (full-length columns, None where a row has no year)."""
    if not importer.status_present:
        for name in STATUS_COLUMNS:
            importer.statuses[name].extend([None] * count)
        return
    with_year = _rows_with_year(importer, columns, offset, count)
    importer.status_rows.extend(offset + i for i in with_year)
    failed: dict[int, set[str]] = defaultdict(set)  # parse errors and the row rules
    parsed = _parse(importer, columns, offset, with_year, failed)
    _check_rules(importer, parsed, offset, with_year, failed)
    _check_fields(importer, parsed, offset, with_year, failed)
    _extend(importer, parsed, with_year, count)


def _rows_with_year(importer, columns, offset: int, count: int) -> list[int]:
    """Positions of the rows with a year; the others may not fill a status column."""
    year_column = importer.status_column_of["year"]
    years = columns[importer.position[year_column]]
    try:
        blank = {value: is_blank(value) for value in set(years)}
    except TypeError:  # an unhashable cell
        with_year = [i for i, value in enumerate(years) if not is_blank(value)]
    else:
        with_year = [i for i, value in enumerate(years) if not blank[value]]
    if len(with_year) == count:
        return with_year
    message = [_("Ghi năm cho các cột tình hình SXSH.")]
    blank_year = set(range(count)).difference(with_year)
    for name, _header, position, _parse in importer.status_present:
        if name == "year":
            continue
        cells = columns[position]
        for i in blank_year:
            if not is_blank(cells[i]):
                importer.errors[offset + i][year_column] = message
    return with_year


def _parse(importer, columns, offset, with_year, failed) -> dict[str, list]:
    everywhere = len(with_year) == len(columns[0])
    errors = importer.errors
    parsed_columns: dict[str, list] = {}
    for name, header, position, parse in importer.status_present:
        cells = columns[position]
        if not everywhere:
            cells = [cells[i] for i in with_year]
        parsed, found = map_distinct(cells, parse)
        for j, message in found.items():
            i = offset + with_year[j]
            errors[i][header] = [message]
            failed[i].add(name)
        parsed_columns[name] = parsed
    return parsed_columns


def _sizes(importer, offset: int, with_year: list[int]) -> list:
    """The size class of each row with a year; where the file's cell fails, the registered
    facility's (its year would be saved with it)."""
    sizes = importer.values.get("size_class")
    if not sizes:
        return [None] * len(with_year)
    found = [sizes[offset + j] for j in with_year]
    errors, existing, tax_codes = importer.errors, importer.existing, importer.tax_codes
    for k, size_class in enumerate(found):
        i = offset + with_year[k]
        if size_class is None and "size_class" in errors.get(i, ()):
            known = existing.get(tax_codes[i])
            found[k] = known[2] if known is not None else None
    return found


def _check_rules(importer, parsed, offset, with_year, failed) -> None:
    if not any(parsed.get(rule.field) and any(parsed[rule.field]) for rule in rules.STATUS_RULES):
        return
    columns = {**parsed, "size_class": _sizes(importer, offset, with_year)}
    column_of = importer.status_column_of
    for name, message, positions in rules.status_column_errors(columns):
        for j in positions:
            i = offset + with_year[j]
            importer.errors[i][column_of[name]] = [message]
            failed[i].add(name)


def _field_messages(model_field, parsed: list) -> dict:
    """(type, value) → messages of the distinct values the field's validators refuse."""
    checked: dict = {}
    if len(set(map(type, parsed))) == 1:
        distinct = {(type(value), value) for value in set(parsed)}
    else:
        distinct = set(zip(map(type, parsed), parsed, strict=True))
    for key in distinct:
        value = key[1]
        if model_field.blank and value in model_field.empty_values:
            continue
        try:
            model_field.clean(value, None)
        except ValidationError as exc:
            checked[key] = exc.messages
    return checked


def _check_fields(importer, parsed_columns, offset, with_year, failed) -> None:
    """The model's field validators (years, ranges, percentages, lengths); the check
    constraints only repeat them and the row rules."""
    errors, column_of = importer.errors, importer.status_column_of
    for name, parsed in parsed_columns.items():
        checked = _field_messages(importer.status_model_fields[name], parsed)
        if not checked:
            continue
        for j, value in enumerate(parsed):
            messages = checked.get((type(value), value))
            i = offset + with_year[j]
            if messages is not None and name not in failed.get(i, ()):
                errors[i][column_of[name]] = messages


def _extend(importer, parsed_columns, with_year: list[int], count: int) -> None:
    statuses = importer.statuses
    everywhere = len(with_year) == count
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
