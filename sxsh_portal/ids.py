"""Reading a database id from a query string or a form's raw data."""

from __future__ import annotations

# The largest id a 64-bit integer column (SQLite, PostgreSQL bigint) holds: a bigger number
# of digits is no id at all, not a server error.
MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """The positive id the text spells in ASCII digits, or None."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
