"""What a dashboard's long tables print on every row, prepared once per page: a link per
row is one `reverse()` for the whole table (the pattern, with the row's key put in), and a
date is formatted once however many rows share it. The provincial dashboard has a row per
reporting unit (166 in Thanh Hóa), each with two links and four dates."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.urls import reverse
from django.utils.formats import date_format

# A key no row has: reversed once, then replaced by each row's own.
_MARKER = 987654321987


def link_maker(viewname: str) -> Callable[[int], str]:
    """reverse(viewname, args=[pk]) for any pk, for the price of one reverse()."""
    head, tail = reverse(viewname, args=[_MARKER]).split(str(_MARKER))
    return lambda pk: f"{head}{pk}{tail}"


class DateTexts:
    """A date as the templates' `|date:"SHORT_DATE_FORMAT"` prints it (in the language of
    the request, dd/mm/yyyy in Vietnamese), each distinct date formatted once."""

    def __init__(self) -> None:
        self._texts: dict[datetime.date, str] = {}

    def __call__(self, day: datetime.date | None) -> str:
        if day is None:
            return ""
        text = self._texts.get(day)
        if text is None:
            text = self._texts[day] = date_format(day, "SHORT_DATE_FORMAT")
        return text


def iso_day(day: datetime.date | None) -> str:
    """A date as `|date:'Y-m-d'` prints it: the sortable value of a table cell."""
    return day.isoformat() if day is not None else ""
