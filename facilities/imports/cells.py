"""A column of the file, parsed and checked as a whole: each distinct cell once."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sxsh_portal.forms import CONTROL_CHARACTERS, TextError, clean_text

from ..resources.widgets import as_text

_NFC = unicodedata.normalize
# Whitespace other than a space (str.split() and \s agree on what whitespace is).
_OTHER_SPACE = re.compile(r"[^\S ]").search


def plain_rows(dataset) -> list[list]:
    rows = getattr(dataset, "plain_rows", None)  # files.SheetDataset, not yet made into Rows
    if rows is not None:
        return rows
    data = getattr(dataset, "_data", None)
    if data is not None:
        return [getattr(row, "_row", row) for row in data]
    return [list(values) for values in dataset]


def _already_clean(cells) -> bool:
    """Whether a column of text cells would come out of texts() unchanged: NFC, no
    whitespace but single inner spaces (one look at the whole column)."""
    if set(map(type, cells)) != {str}:
        return False
    joined = "\x00".join(cells)
    # Plain substring tests first: a regex with alternatives is ten times slower.
    return (
        joined.count("\x00") == len(cells) - 1
        and "  " not in joined
        and "\x00 " not in joined
        and " \x00" not in joined
        and not joined.startswith(" ")
        and not joined.endswith(" ")
        and not _OTHER_SPACE(joined)
        and unicodedata.is_normalized("NFC", joined)
    )


def texts(cells) -> list[str]:
    """as_text() over a column, inner runs of whitespace collapsed as a form does."""
    if _already_clean(cells):
        return list(cells)
    return [_NFC("NFC", " ".join(v.split())) if type(v) is str else as_text(v) for v in cells]


def control_characters(cells) -> dict[int, str]:
    """{position: message} of the text cells holding a control character."""
    strings = cells if set(map(type, cells)) == {str} else [v for v in cells if type(v) is str]
    if not CONTROL_CHARACTERS.search("".join(strings)):
        return {}
    found = {}
    for i, value in enumerate(cells):
        if type(value) is str and CONTROL_CHARACTERS.search(value):
            try:
                clean_text(value)
            except TextError as exc:
                found[i] = str(exc)[:1].upper() + str(exc)[1:]
    return found


def tax_codes(cells) -> list[str]:
    """TaxCodeWidget.clean() over a column, blanks as ""."""
    return [text.replace(" ", "") if " " in text else text for text in texts(cells)]


def map_distinct(cells, parse) -> tuple[list, dict[int, Any]]:
    """`parse` (value → (ok, result)) over a column, once per distinct cell: the results
    and {position: message} of the cells that fail. Cells are told apart by type too, as
    1, 1.0 and True are equal but do not parse alike."""
    try:
        if len(set(map(type, cells))) == 1:
            keys = cells
            parsed = {value: parse(value) for value in set(cells)}
        else:
            keys = list(zip(map(type, cells), cells, strict=True))
            parsed = {key: parse(key[1]) for key in set(keys)}
    except TypeError:  # an unhashable cell
        results = [parse(value) for value in cells]
    else:
        if all(ok for ok, _value in parsed.values()):
            values = {key: value for key, (_ok, value) in parsed.items()}
            return list(map(values.__getitem__, keys)), {}
        results = list(map(parsed.__getitem__, keys))
    errors = {i: message for i, (ok, message) in enumerate(results) if not ok}
    return [value if ok else None for ok, value in results], errors


def catching(parser):
    def parse(value):
        try:
            return True, parser(value)
        except ValueError as exc:
            return False, str(exc)

    return parse


def status_parser(parser, default):
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
