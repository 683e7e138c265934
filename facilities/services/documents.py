"""The facility's yearly SXSH summary PDF requested (the pipeline is sxsh_portal.documents')."""

from __future__ import annotations

import datetime

from sxsh_portal.documents.models import GeneratedDocument
from sxsh_portal.documents.services import generated_document_request

from ..documents import KIND, facility_summary_snapshot
from ..models import Facility


def facility_summary_pdf_request(
    *, facility: Facility, year: int, actor=None, today: datetime.date | None = None
) -> GeneratedDocument:
    return generated_document_request(
        kind=KIND,
        object_id=facility.pk,
        year=year,
        snapshot=facility_summary_snapshot(facility=facility, year=year),
        actor=actor,
        today=today,
    )
