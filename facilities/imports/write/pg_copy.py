"""The PostgreSQL writer of the facility import.

Rows that create facilities (and their yearly statuses) are written by COPY, a slice at a
time, by a thread of their own while the import checks the next slice: PostgreSQL loads
and indexes one slice while Python checks the next. The thread uses the connection of the
import's transaction and nothing else touches the connection meanwhile; if a row turns out
to be invalid the caller rolls the transaction back, so the import stays all-or-nothing.
Rows that update registered facilities go, once every row has passed, through a temporary
table and a few UPDATE … FROM / INSERT … SELECT statements. History records are written
alongside, as simple-history's bulk_history_create would.

A column of the file becomes a column of COPY text in one pass, each distinct value
formatted once: bulk_create spent most of a large import preparing values one by one.
"""

from __future__ import annotations

import datetime
import re
import threading
from queue import Queue

from django.db import connection

from ...models import Facility, FacilityYearStatus
from ...resources.columns import FACILITY_FIELDS

NULL = "\\N"
Rows = range | list[int]  # rows of the file, by index
_SPECIAL = re.compile(r"[\\\t\n\r]").search
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def available() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        return hasattr(cursor.cursor, "copy_expert")


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def reserve_ids(model, attname: str, count: int) -> range | list[int]:
    """Take `count` values of the column's sequence, so that related rows can name them:
    a range when no other session took values in between (the usual case)."""
    if not count:
        return []
    table, column = model._meta.db_table, model._meta.get_field(attname).column
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
        (sequence,) = cursor.fetchone()
        cursor.execute(
            "SELECT min(v), max(v) FROM (SELECT nextval(%s::regclass) AS v "
            "FROM generate_series(1, %s)) AS taken",
            [sequence, count],
        )
        low, high = cursor.fetchone()
        if high - low + 1 == count:
            return range(low, high + 1)
        cursor.execute(
            "SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, count]
        )
        return [value for (value,) in cursor.fetchall()]


# ---------------------------------------------------------------------------- COPY text


def _text(value) -> str:
    if value is None:
        return NULL
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_ESCAPES) if _SPECIAL(value) else value
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return str(value)  # int, Decimal, date


def texts(values: list) -> list[str]:
    """A column as COPY text."""
    kinds = set(map(type, values))
    if kinds == {str}:
        if _SPECIAL("".join(values)):
            return [v.translate(_ESCAPES) if _SPECIAL(v) else v for v in values]
        return values
    if kinds == {int}:
        return list(map(str, values))
    if kinds <= {int, type(None)}:
        return [NULL if v is None else str(v) for v in values]
    if kinds <= {bool, type(None)}:
        return [NULL if v is None else "t" if v else "f" for v in values]
    # Dates, decimals, mixed: each distinct value formatted once.
    try:
        keys = list(zip(map(type, values), values, strict=True))
        formatted = {key: _text(key[1]) for key in set(keys)}
    except TypeError:
        return [_text(value) for value in values]
    return list(map(formatted.__getitem__, keys))


def pick(column: list, rows: Rows) -> list:
    if isinstance(rows, range) and rows.step == 1:
        return column[rows.start : rows.stop]
    return [column[i] for i in rows]


class _Text:
    """The file copy_expert reads: COPY text made beforehand, handed over in one piece."""

    def __init__(self, text: str):
        self.text = text

    def read(self, size=-1) -> str:
        text, self.text = self.text, ""
        return text


def copy_text(table: str, columns: dict[str, list[str] | str], count: int) -> tuple[str, str]:
    """The COPY statement and its data for `count` rows of `table`: column name → its
    texts, or one text for all rows."""
    data = [[value] * count if isinstance(value, str) else value for value in columns.values()]
    sql = "COPY {} ({}) FROM STDIN".format(_quote(table), ", ".join(map(_quote, columns)))
    return sql, "\n".join(map("\t".join, zip(*data, strict=True))) + "\n"


def copy_columns(cursor, table: str, columns: dict[str, list[str] | str], count: int) -> None:
    """COPY `count` rows into `table` (see copy_text); `cursor` is a psycopg2 cursor."""
    if count:
        sql, text = copy_text(table, columns, count)
        cursor.copy_expert(sql, _Text(text))


def _model_columns(model, given: dict[str, list[str] | str], *, skip=()) -> dict:
    """Every concrete column of `model` (but `skip`): the given texts, else the field's
    default as one text."""
    columns = {}
    for field in model._meta.concrete_fields:
        if field.attname in skip:
            continue
        value = given.get(field.attname)
        if value is None:
            value = NULL if field.has_db_default() else _text(field.get_default())
        columns[field.column] = value
    return columns


# ---------------------------------------------------------------------------- the writer


class Writer:
    """Writes the rows BulkImport accepts, inside the caller's transaction."""

    def __init__(self, importer, now):
        self.importer = importer
        self.now = _text(now)
        self.actor = str(importer.actor.pk)
        self.attributes = [a for a in FACILITY_FIELDS if a in importer.present]
        # A few slices ahead at most: the rest would only wait in memory.
        self.queue: Queue = Queue(maxsize=3)
        self.thread: threading.Thread | None = None
        self.failure: BaseException | None = None

    # ------------------------------------------------------------------ the pipeline

    def start(self) -> None:
        """Decide which rows will be written (the last one of a tax code, and of a tax
        code and year, wins) and take the keys of the records they create."""
        importer = self.importer
        tax_codes, existing = importer.tax_codes, importer.existing
        self.facility_last = {tax_code: i for i, tax_code in enumerate(tax_codes)}
        self.status_last = {
            (tax_codes[i], year): i for i, year in enumerate(importer.years) if year is not None
        }
        new = [code for code in self.facility_last if code and code not in existing]
        self.pk_of = dict(zip(new, reserve_ids(Facility, "id", len(new)), strict=True))
        # Rows that create a facility, and those that create a status, with their keys.
        rows = sorted(self.facility_last[code] for code in new)
        history_ids = reserve_ids(Facility.history.model, "history_id", len(rows))
        self.history_id_at = dict(zip(rows, history_ids, strict=True))
        self.creates = bytearray(importer.count)
        for i in rows:
            self.creates[i] = 1
        rows = sorted(i for key, i in self.status_last.items() if key[0] in self.pk_of)
        status_ids = reserve_ids(FacilityYearStatus, "id", len(rows))
        self.status_id_at = dict(zip(rows, status_ids, strict=True))
        self.creates_status = bytearray(importer.count)
        for i in rows:
            self.creates_status[i] = 1
        connection.ensure_connection()
        self.raw = connection.connection
        self.thread = threading.Thread(target=self._work, name="facility-import-copy")
        self.thread.start()

    def submit(self, start: int, end: int, status_rows: list[int]) -> None:
        """Rows start…end-1 have passed: hand the COPY of the records they create to the
        thread (made here, so that the thread keeps PostgreSQL busy)."""
        flags = self.creates[start:end]
        if flags.count(1) == end - start:
            rows: Rows = range(start, end)
        else:
            rows = [start + j for j, flag in enumerate(flags) if flag]
        copies = self._facility_copies(rows) if rows else []
        creates = self.creates_status
        statuses: Rows = [i for i in status_rows if creates[i]]
        if statuses and statuses[-1] - statuses[0] + 1 == len(statuses):
            statuses = range(statuses[0], statuses[-1] + 1)
        if statuses:
            copies += self._status_copies(statuses)
        if copies:
            self.queue.put(copies)

    def finish(self, *, write: bool) -> None:
        """Wait for the thread; then, if every row passed, write the updates."""
        if self.thread is not None:
            self.queue.put(None)
            self.thread.join()
            self.thread = None
        if not write:
            return  # the caller rolls back whatever was written
        if self.failure is not None:
            with connection.wrap_database_errors:
                raise self.failure
        importer = self.importer
        existing = importer.existing
        changed = [i for code, i in self.facility_last.items() if code in existing]
        if changed:
            self._update_facilities(sorted(changed))
        statuses = [i for key, i in self.status_last.items() if key[0] in existing]
        if statuses:
            self._upsert_statuses(sorted(statuses))

    def _work(self) -> None:
        while (copies := self.queue.get()) is not None:
            if self.failure is not None:
                continue
            try:
                with self.raw.cursor() as cursor:
                    for sql, text in copies:
                        cursor.copy_expert(sql, _Text(text))
            except BaseException as exc:  # raised in the import's thread by finish()
                self.failure = exc

    # ------------------------------------------------------------------ facilities

    def _facility_texts(self, rows: Rows) -> dict[str, list[str]]:
        """The imported columns of the facility table, as COPY text, for these rows."""
        importer = self.importer
        columns = {}
        for attribute in self.attributes:
            attname = Facility._meta.get_field(attribute).attname
            columns[attname] = texts(pick(importer.values[attribute], rows))
        columns["province_id"] = texts(pick(importer.province_ids, rows))
        return columns

    def _facility_copies(self, rows: Rows) -> list[tuple[str, str]]:
        """New facilities, verified (the DOIT's own list needs no verification), each with
        its first history record as the verified state."""
        pk_of, history_ids = self.pk_of, self.history_id_at
        given = self._facility_texts(rows)
        given.update(
            id=[str(pk_of[code]) for code in pick(self.importer.tax_codes, rows)],
            status=Facility.Status.VERIFIED.value,
            registered_at=self.now,
            verified_at=self.now,
            verified_by_id=self.actor,
        )
        history = Facility.history.model
        history_given = dict(
            given,
            history_id=[str(history_ids[i]) for i in rows],
            history_date=self.now,
            history_change_reason="",
            history_type="+",
            history_user_id=self.actor,
        )
        given["verified_history_id"] = history_given["history_id"]
        count = len(rows)
        return [
            copy_text(Facility._meta.db_table, _model_columns(Facility, given), count),
            copy_text(history._meta.db_table, _model_columns(history, history_given), count),
        ]

    def _update_facilities(self, rows: Rows) -> None:
        """Facilities already registered: their imported columns are replaced and the new
        state is recorded in their history (as the verified state of a verified facility
        that has none yet)."""
        importer = self.importer
        count = len(rows)
        given = self._facility_texts(rows)
        given["id"] = [str(importer.existing[importer.tax_codes[i]][0]) for i in rows]
        history = Facility.history.model
        history_ids = reserve_ids(history, "history_id", count)
        given["history_id"] = list(map(str, history_ids))
        stage = "import_facility"
        table = _quote(Facility._meta.db_table)
        names = [name for name in given if name != "history_id"]
        assignments = ", ".join(f"{_quote(n)} = s.{_quote(n)}" for n in names if n != "id")
        tracked = [f.column for f in history.tracked_fields]
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{stage}")
            cursor.execute(
                f"CREATE TEMP TABLE {stage} ON COMMIT DROP AS SELECT "
                f"{', '.join(map(_quote, names))}, verified_history_id AS history_id "
                f"FROM {table} WITH NO DATA"
            )
            copy_columns(cursor.cursor, stage, given, count)
            cursor.execute(
                f"UPDATE {table} AS f SET {assignments}, verified_history_id = CASE "
                "WHEN f.status = %s AND f.verified_history_id IS NULL THEN s.history_id "
                f"ELSE f.verified_history_id END FROM {stage} AS s WHERE f.id = s.id",
                [Facility.Status.VERIFIED.value],
            )
            cursor.execute(
                f"INSERT INTO {_quote(history._meta.db_table)} "
                f"({', '.join(map(_quote, tracked))}, history_id, history_date, "
                "history_change_reason, history_type, history_user_id) "
                f"SELECT {', '.join('f.' + _quote(c) for c in tracked)}, s.history_id, %s, "
                f"'', '~', %s FROM {table} AS f JOIN {stage} AS s ON s.id = f.id "
                "ORDER BY s.history_id",
                [self.now, self.actor],
            )

    # ------------------------------------------------------------------ yearly statuses

    def _status_texts(self, rows: Rows, facility_ids: list[str]) -> dict[str, list[str]]:
        importer = self.importer
        columns = {
            FacilityYearStatus._meta.get_field(name).attname: texts(
                pick(importer.statuses[name], rows)
            )
            for name, _header, _position, _parse in importer.status_present
        }
        columns["facility_id"] = facility_ids
        sizes = importer.values["size_class"]
        columns["size_class"] = texts(pick(sizes, rows))
        return columns

    def _status_copies(self, rows: Rows) -> list[tuple[str, str]]:
        """Statuses of facilities created by this import: new records."""
        importer = self.importer
        pk_of, ids = self.pk_of, self.status_id_at
        given = self._status_texts(
            rows, [str(pk_of[code]) for code in pick(importer.tax_codes, rows)]
        )
        given["id"] = [str(ids[i]) for i in rows]
        history = FacilityYearStatus.history.model
        history_given = dict(
            given,
            history_date=self.now,
            history_change_reason="",
            history_type="+",
            history_user_id=self.actor,
        )
        count = len(rows)
        return [
            copy_text(
                FacilityYearStatus._meta.db_table,
                _model_columns(FacilityYearStatus, given),
                count,
            ),
            # Nothing refers to these records: their keys come from the sequence.
            copy_text(
                history._meta.db_table,
                _model_columns(history, history_given, skip={"history_id"}),
                count,
            ),
        ]

    def _upsert_statuses(self, rows: Rows) -> None:
        """Statuses of registered facilities: that year's status is replaced if there is
        one, else created; either way recorded in the history."""
        importer = self.importer
        existing, tax_codes = importer.existing, importer.tax_codes
        count = len(rows)
        given = self._status_texts(rows, [str(existing[tax_codes[i]][0]) for i in rows])
        replaced = [name for name in given if name not in ("facility_id", "year")]
        columns = _model_columns(FacilityYearStatus, given, skip={"id"})
        stage = "import_status"
        table = _quote(FacilityYearStatus._meta.db_table)
        history = FacilityYearStatus.history.model
        tracked = [f.column for f in history.tracked_fields]
        listed = ", ".join(map(_quote, columns))
        assignments = ", ".join(f"{_quote(n)} = s.{_quote(n)}" for n in replaced)
        insert_history = (
            f"INSERT INTO {_quote(history._meta.db_table)} "
            f"({', '.join(map(_quote, tracked))}, history_date, history_change_reason, "
            "history_type, history_user_id) "
            f"SELECT {', '.join('t.' + _quote(c) for c in tracked)}, %s, '', %s, %s "
            f"FROM {table} AS t JOIN {stage} AS s ON s.id = t.id WHERE s.created = %s "
            "ORDER BY t.id"
        )
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{stage}")
            cursor.execute(
                f"CREATE TEMP TABLE {stage} ON COMMIT DROP AS SELECT id, {listed}, "
                f"true AS created FROM {table} WITH NO DATA"
            )
            copy_columns(cursor.cursor, stage, {**columns, "created": "t"}, count)
            cursor.execute(
                f"UPDATE {stage} AS s SET id = t.id, created = false FROM {table} AS t "
                "WHERE t.facility_id = s.facility_id AND t.year = s.year"
            )
            cursor.execute(
                f"UPDATE {table} AS t SET {assignments} FROM {stage} AS s "
                "WHERE t.id = s.id AND NOT s.created"
            )
            cursor.execute(insert_history, [self.now, "~", self.actor, False])
            cursor.execute(
                f"UPDATE {stage} SET id = nextval(pg_get_serial_sequence(%s, 'id')) WHERE created",
                [FacilityYearStatus._meta.db_table],
            )
            cursor.execute(
                f"INSERT INTO {table} (id, {listed}) SELECT id, {listed} FROM {stage} "
                "WHERE created ORDER BY id"
            )
            cursor.execute(insert_history, [self.now, "+", self.actor, True])
