"""Lists read in Vietnamese order (Bạc Liêu before Bình Định, Hà Trung before Hoằng Hóa).

One collation, named `vietnamese`, orders every name column that lists sort by: on
PostgreSQL it is the ICU collation for Vietnamese (created by `CreateVietnameseCollation`
in the migrations that use it), on SQLite a collation registered on every connection that
compares by `sort_key`. The columns carry it (`db_collation`), so every `order_by("name")`
of a page, a list or an export reads in Vietnamese order, and indexes keep serving it.
`sort_key` orders lists that are sorted in memory the same way.

Vietnamese order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (letters
first, by these letters); then the tones (none, huyền, hỏi, ngã, sắc, nặng); then case.
"""

from __future__ import annotations

import functools
import unicodedata

from django.db import migrations

COLLATION = "vietnamese"

_ALPHABET = [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
# Marks that make another letter (ă â ê ô ơ ư) rather than a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# Tones in dictionary order; no tone first.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_BASE = 100
_DIGIT_BASE = 50


def _units(text: str):
    """(letter or character, tone, is upper) for each character of the text."""
    for char in unicodedata.normalize("NFC", text):
        lower = char.lower()
        if lower == "đ":
            yield "đ", 0, char != lower
            continue
        decomposed = unicodedata.normalize("NFD", lower)
        base, marks = decomposed[0], decomposed[1:]
        letter_marks = "".join(mark for mark in marks if mark in _LETTER_MARKS)
        tone = max((_TONE_RANK.get(mark, 0) for mark in marks), default=0)
        letter = unicodedata.normalize("NFC", base + letter_marks)
        yield letter, tone, char != lower


@functools.lru_cache(maxsize=65536)
def sort_key(text) -> tuple:
    """The Vietnamese order of a text, for sorted(..., key=sort_key)."""
    text = "" if text is None else str(text)
    primary, tones, cases = [], [], []
    for letter, tone, upper in _units(text):
        if letter in _LETTER_RANK:
            primary.append(_LETTER_BASE + _LETTER_RANK[letter])
        elif letter.isdigit():
            primary.append(_DIGIT_BASE + int(letter) if letter in "0123456789" else _DIGIT_BASE)
        elif letter.isspace():
            primary.append(1)
        elif letter.isalpha():
            primary.append(_LETTER_BASE + len(_ALPHABET) + ord(letter))
        else:
            primary.append(2 + min(ord(letter), 47))  # punctuation, before digits
        tones.append(tone)
        cases.append(1 if upper else 0)
    return (tuple(primary), tuple(tones), tuple(cases), text)


def by_name(items, attribute: str = "name"):
    """Objects (or dicts) sorted in Vietnamese order of an attribute."""

    def key(item):
        value = item.get(attribute) if isinstance(item, dict) else getattr(item, attribute)
        return sort_key(str(value or ""))

    return sorted(items, key=key)


def _compare(left: str, right: str) -> int:
    a, b = sort_key(left), sort_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, _compare)


def _create_postgresql_collation(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE COLLATION IF NOT EXISTS \"{COLLATION}\" (provider = icu, locale = 'vi-VN')"
    )


def CreateVietnameseCollation():
    """The migration operation that makes the collation exist before a column uses it."""
    return migrations.RunPython(_create_postgresql_collation, migrations.RunPython.noop)
