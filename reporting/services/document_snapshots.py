"""The data a PDF is made from, frozen as JSON when the document is requested.

Everything the document shows is in its snapshot (figures, the units' words, the header's
issuer and recipients), worded in Vietnamese whatever language the requester browses in,
so that the task renders from the snapshot alone.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sxsh_portal.collation import sort_key
from sxsh_portal.documents.pdf import DOCUMENT_LANGUAGE
from sxsh_portal.documents.snapshots import BLANK_NUMBER, jsonable, place_name
from sxsh_portal.territory.models import Agency

from ..consolidation import consolidation_get
from ..figures import Figure
from ..models import ConsolidatedReport, ReportingYear, TaskProgress, UnitReport

COMMITTEES = (Agency.Kind.DISTRICT_COMMITTEE, Agency.Kind.COMMUNE_COMMITTEE)


def _details(reports: list[UnitReport]) -> dict:
    activities, progress, remarks = [], [], []
    for report in reports:
        agency = report.agency.name
        for activity in report.activities.all():
            activities.append(
                {
                    "agency": agency,
                    "kind": activity.kind,
                    "kind_label": str(activity.get_kind_display()),
                    "date": activity.date,
                    "title": activity.title,
                    "participants": activity.participants,
                    "enterprises_reached": activity.enterprises_reached,
                    "cost_vnd": activity.cost_vnd,
                    "funding_source": activity.funding_source,
                    "funding_label": str(activity.get_funding_source_display()),
                }
            )
        for line in report.progress.all():
            progress.append(
                {
                    "agency": agency,
                    "duty": str(line.duty_label),
                    "status": line.status,
                    "status_label": str(line.get_status_display()),
                    "done_text": line.done_text,
                }
            )
        remarks.append(
            {"agency": agency, "difficulties": report.difficulties, "proposals": report.proposals}
        )
    activities.sort(key=lambda row: (row["date"], sort_key(row["agency"])))
    return {"activities": activities, "progress": progress, "remarks": remarks}


def _reports_with_content(ids) -> list[UnitReport]:
    return list(
        UnitReport.objects.filter(pk__in=ids)
        .select_related("agency")
        .prefetch_related(
            "activities",
            Prefetch(
                "progress", queryset=TaskProgress.objects.select_related("assignment", "task")
            ),
        )
        .order_by("agency__name", "pk")
    )


def consolidated_details(*, reporting_year: ReportingYear, consolidation) -> dict:
    """What the received reports wrote beyond their figures, worded for the document: frozen
    with the figures when the DOIT sends, so the sent PDF says what was sent."""
    with translation.override(DOCUMENT_LANGUAGE):
        received = [unit.report_id for unit in consolidation.units if unit.is_received]
        return jsonable(_details(_reports_with_content(received)))


def _frozen_details(consolidated: ConsolidatedReport | None) -> dict | None:
    if consolidated is None or not consolidated.is_submitted:
        return None
    return consolidated.snapshot.get("details")


def consolidated_snapshot(*, reporting_year: ReportingYear) -> dict:
    """What the consolidated PDF shows: the consolidation of the page (frozen once sent) and
    what the received reports wrote beyond their figures."""
    with translation.override(DOCUMENT_LANGUAGE):
        plan = reporting_year.plan
        consolidation = consolidation_get(reporting_year=reporting_year)
        consolidated = ConsolidatedReport.objects.filter(reporting_year=reporting_year).first()
        received = [unit.report_id for unit in consolidation.units if unit.is_received]
        province = consolidation.province
        rule = getattr(plan, "reporting_rule", None)
        recipients = []
        if rule is not None:
            forwarded = sorted(
                rule.forwarded_to.all(),
                key=lambda a: (a.kind != Agency.Kind.MINISTRY, sort_key(a.name)),
            )
            recipients = [agency.name for agency in forwarded]
        reference = ""
        if plan.decision_number:
            reference = plan.decision_number
            if plan.issued_on:
                reference += _(" ngày %(date)s") % {"date": plan.issued_on.strftime("%d/%m/%Y")}
        header = {
            "issuer_parent": _("UBND tỉnh %(province)s") % {"province": province},
            "issuer": _("Sở Công Thương"),
            "number": f"{BLANK_NUMBER}/BC-SCT",
            "place": place_name(province),
            "title": _("Báo cáo"),
            "subtitle": _(
                "Tình hình thực hiện sản xuất sạch hơn trong công nghiệp năm %(year)s "
                "trên địa bàn tỉnh %(province)s"
            )
            % {"year": consolidation.year, "province": province},
            "recipients": recipients
            or [_("Bộ Công Thương"), _("UBND tỉnh %(province)s") % {"province": province}],
            "copies_to": [_("Như trên"), _("Giám đốc Sở")],
            "signer_title": _("GIÁM ĐỐC"),
            "is_draft": not (consolidated is not None and consolidated.is_submitted),
        }
        return jsonable(
            {
                "consolidation": consolidation.to_json(),
                "details": _frozen_details(consolidated)
                or _details(_reports_with_content(received)),
                "plan": {"title": plan.title, "reference": reference},
                "header": header,
            }
        )


def unit_report_snapshot(*, report: UnitReport) -> dict:
    with translation.override(DOCUMENT_LANGUAGE):
        plan = report.reporting_year.plan
        province = plan.province_label
        agency = report.agency
        committee = agency.kind in COMMITTEES
        rule = getattr(plan, "reporting_rule", None)
        place = agency.territory.name if committee and agency.territory_id else province
        stored = {value.figure: value for value in report.values.all()}
        figures = [
            {
                "label": str(figure.label),
                "reported": getattr(stored.get(figure.value), "reported_value", None),
                "computed": getattr(stored.get(figure.value), "computed_value", None),
            }
            for figure in Figure
        ]
        first_submitted = report.first_submitted_at
        header = {
            "issuer_parent": ""
            if committee
            else _("UBND tỉnh %(province)s") % {"province": province},
            "issuer": agency.name,
            "number": f"{BLANK_NUMBER}/BC-UBND" if committee else f"{BLANK_NUMBER}/BC",
            "place": place_name(place),
            "title": _("Báo cáo"),
            "subtitle": _("Kết quả thực hiện sản xuất sạch hơn trong công nghiệp năm %(year)s")
            % {"year": report.reporting_year.year},
            "recipients": [rule.recipient.name]
            if rule is not None
            else [_("Sở Công Thương tỉnh %(province)s") % {"province": province}],
            "copies_to": [_("Như trên")],
            "signer_title": _("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")
            if committee
            else _("THỦ TRƯỞNG ĐƠN VỊ"),
            "is_draft": not report.is_received,
        }
        return jsonable(
            {
                "report": {
                    "agency": agency.name,
                    "province": province,
                    "year": report.reporting_year.year,
                    "plan_title": plan.title,
                    "state_label": str(report.get_state_display()),
                    "due_date": report.due_date,
                    "submitted_on": timezone.localdate(first_submitted)
                    if first_submitted
                    else None,
                    "figures": figures,
                },
                "details": _details(_reports_with_content([report.pk])),
                "header": header,
            }
        )
