"""The writers of the facility import: PostgreSQL's COPY path (pg_copy), else the ORM's
bulk operations (orm). Both keep the history records with the acting user."""

from __future__ import annotations

from django.utils import timezone
from import_export.results import Result

from . import pg_copy
from .orm import OrmWriter

__all__ = ["checked_and_written"]


def checked_and_written(checker, dataset) -> Result:
    """Check every row of `dataset` and write them. The caller holds the transaction and
    rolls it back when the result has invalid rows: on PostgreSQL, rows are written while
    the next ones are still being checked."""
    now = timezone.now()
    if pg_copy.available():
        return checker.run(dataset, pg_copy.Writer(checker, now))
    result = checker.run(dataset, None)
    if not result.has_validation_errors():
        OrmWriter(checker, now).write()
    return result
