"""Import of facilities and yearly statuses from a spreadsheet: dry run, then all or none."""

from __future__ import annotations

from dataclasses import dataclass, field

import tablib
from django.db import transaction

from sxsh_portal.accounts.access import scope_for

from ..resources import FacilityResource, row_errors

# Where an uploaded file waits between its dry run and the confirmation (default storage).
IMPORT_TEMP_DIR = "tmp/facility-imports"


@dataclass
class ImportReport:
    total: int = 0
    new: int = 0
    updated: int = 0
    problems: list[dict] = field(default_factory=list)
    imported: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def _report(result, *, imported: bool) -> ImportReport:
    return ImportReport(
        total=result.total_rows,
        new=result.totals.get("new", 0),
        updated=result.totals.get("update", 0),
        problems=row_errors(result),
        imported=imported,
    )


def facilities_import_check(*, actor, dataset: tablib.Dataset) -> ImportReport:
    """Dry run: every row is validated (set-based, see resources/bulk.py); nothing is written."""
    resource = FacilityResource(actor=actor, scope=scope_for(actor))
    result = resource.import_data(dataset, dry_run=True, raise_errors=False, use_transactions=True)
    return _report(result, imported=False)


@transaction.atomic
def facilities_import(*, actor, dataset: tablib.Dataset) -> ImportReport:
    """The real import: all rows or none. A file with any error writes nothing."""
    resource = FacilityResource(actor=actor, scope=scope_for(actor))
    result = resource.import_data(
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
    )
    report = _report(result, imported=False)
    if report.problems:
        transaction.set_rollback(True)
        return report
    report.imported = True
    return report
