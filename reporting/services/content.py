"""Activities and attachments of a report: written only while the report is editable."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from sxsh_portal.audit import record_actor

from .. import rules
from ..models import Activity, Attachment, UnitReport
from .cycle import _locked, _require_editable, _save


@transaction.atomic
def activity_create(
    *,
    report: UnitReport,
    actor,
    kind: str,
    date: datetime.date,
    title: str,
    participants: int = 0,
    enterprises_reached: int = 0,
    cost_vnd: int = 0,
    funding_source: str,
) -> Activity:
    report = _locked(report)
    _require_editable(report)
    activity = Activity(
        report=report,
        kind=kind,
        date=date,
        title=title,
        participants=participants,
        enterprises_reached=enterprises_reached,
        cost_vnd=cost_vnd,
        funding_source=funding_source,
    )
    record_actor(activity, actor)
    activity.full_clean()
    rules.activity_year_check(date=activity.date, year=report.reporting_year.year)
    activity.save()
    # The version tells other open forms that the report changed.
    _save(report, actor)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, actor) -> None:
    report = _locked(activity.report)
    _require_editable(report)
    record_actor(activity, actor)
    activity.delete()
    _save(report, actor)


@transaction.atomic
def attachment_add(*, report: UnitReport, actor, title: str, file: UploadedFile) -> Attachment:
    report = _locked(report)
    _require_editable(report)
    attachment = Attachment(report=report, title=title, file=file, uploaded_by=actor)
    record_actor(attachment, actor)
    attachment.full_clean()
    attachment.save()
    _save(report, actor)
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, actor) -> None:
    report = _locked(attachment.report)
    _require_editable(report)
    record_actor(attachment, actor)
    file = attachment.file
    attachment.delete()
    _save(report, actor)
    # The file goes only once the row is gone for good.
    transaction.on_commit(lambda: file.storage.delete(file.name))
