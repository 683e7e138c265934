"""Import of facilities and yearly statuses from a spreadsheet: dry run, then all or none.

The engine is facilities.imports: parse (the upload), check (every row, with the rules
shared with the forms and models), write (COPY on PostgreSQL, else the ORM)."""

from __future__ import annotations

from dataclasses import dataclass, field

import tablib
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from import_export.results import Error

from sxsh_portal.accounts.access import scope_for

from ..imports.check import BulkImport
from ..imports.write import checked_and_written
from ..resources import row_errors

# Where an uploaded file waits between its dry run and the confirmation (default storage).
IMPORT_TEMP_DIR = "tmp/facility-imports"


# Problems and changes listed on the page; the rest are counted (a file of 100,000 bad rows
# once made a 55 MB page).
SHOWN = 500


@dataclass
class ImportReport:
    total: int = 0
    new: int = 0
    updated: int = 0
    problems: list[dict] = field(default_factory=list)
    imported: bool = False
    # Each registered facility the file changes, with each field's old and new value.
    changes: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def shown_problems(self) -> list[dict]:
        return self.problems[:SHOWN]

    @property
    def hidden_problems(self) -> int:
        return max(len(self.problems) - SHOWN, 0)

    @property
    def shown_changes(self) -> list[dict]:
        return self.changes[:SHOWN]

    @property
    def hidden_changes(self) -> int:
        return max(len(self.changes) - SHOWN, 0)


def _report(result, *, imported: bool, dataset=None) -> ImportReport:
    return ImportReport(
        total=result.total_rows,
        new=result.totals.get("new", 0),
        updated=result.totals.get("update", 0),
        problems=row_errors(result),
        imported=imported,
        changes=getattr(result, "facility_changes", []),
        notes=list(getattr(dataset, "notes", None) or []),
    )


def _checker(actor, dataset, allow_verified: bool) -> BulkImport:
    return BulkImport(
        actor=actor,
        scope=scope_for(actor),
        headers=list(dataset.headers),
        allow_verified=allow_verified,
    )


def facilities_import_check(
    *, actor, dataset: tablib.Dataset, allow_verified: bool = False
) -> ImportReport:
    """Dry run: every row is validated (set-based, see imports/check.py); nothing is written."""
    result = _checker(actor, dataset, allow_verified).validate(dataset)
    return _report(result, imported=False, dataset=dataset)


@transaction.atomic
def facilities_import(
    *, actor, dataset: tablib.Dataset, allow_verified: bool = False
) -> ImportReport:
    """The real import: all rows or none. A file with any error writes nothing; the
    history records name `actor`."""
    checker = _checker(actor, dataset, allow_verified)
    result = checker.result
    try:
        with transaction.atomic():
            checked_and_written(checker, dataset)
            if result.has_validation_errors():
                transaction.set_rollback(True)
    except DatabaseError as exc:
        result.append_base_error(Error(_("Lỗi khi ghi dữ liệu: %(error)s") % {"error": exc}))
    report = _report(result, imported=False)
    if report.problems:
        transaction.set_rollback(True)
        return report
    report.imported = True
    return report
