"""The data a PDF is made from, frozen as JSON when the document is requested.

Everything the document shows is in its snapshot (figures, the units' words, the header's
issuer and recipients), worded in Vietnamese whatever language the requester browses in,
so that the task renders from the snapshot alone.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from facilities.models import Facility, FacilityYearStatus
from sxsh_portal.collation import sort_key
from sxsh_portal.territory.models import Agency

from ..consolidation import consolidation_get
from ..figures import Figure
from ..models import ConsolidatedReport, ReportingYear, TaskProgress, UnitReport
from ..pdf import DOCUMENT_LANGUAGE

PLACE_PREFIXES = ("Thành phố ", "Thị xã ", "Thị trấn ", "Huyện ", "Quận ", "Tỉnh ", "Xã ")
PLACE_PREFIXES += ("Phường ",)
COMMITTEES = (Agency.Kind.DISTRICT_COMMITTEE, Agency.Kind.COMMUNE_COMMITTEE)
# The number is given by the clerk when the document is signed.
BLANK_NUMBER = "…"


def _jsonable(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _place(name: str) -> str:
    """ "Huyện Đông Sơn" → "Đông Sơn": documents are dated at the place's bare name."""
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


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
        return _jsonable(_details(_reports_with_content(received)))


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
            "place": _place(province),
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
        return _jsonable(
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
            "place": _place(place),
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
        return _jsonable(
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


def _yes_no(value: bool) -> str:
    return _("Có") if value else _("Không")


def _percent(value) -> str:
    return "—" if value is None else f"{format(value.normalize(), 'f').replace('.', ',')}%"


def _status_rows(status: FacilityYearStatus) -> list[list[str]]:
    def label(name: str) -> str:
        return str(capfirst(FacilityYearStatus._meta.get_field(name).verbose_name))

    rows = [
        [label("size_class"), str(status.get_size_class_display())],
        [label("is_aware"), _yes_no(status.is_aware)],
        [label("is_applying"), _yes_no(status.is_applying)],
        [label("has_dedicated_unit"), _yes_no(status.has_dedicated_unit)],
        [label("trained_staff_count"), str(status.trained_staff_count)],
        [label("has_iso14001"), _yes_no(status.has_iso14001)],
        [label("environmental_record"), str(status.get_environmental_record_display())],
        [label("energy_saving_percent"), _percent(status.energy_saving_percent)],
        [label("material_saving_percent"), _percent(status.material_saving_percent)],
        [
            label("yearly_saving_vnd"),
            "—"
            if status.yearly_saving_vnd is None
            else f"{status.yearly_saving_vnd:,}".replace(",", ".") + " " + _("đồng"),
        ],
    ]
    if status.certificate_issuer or status.certificate_date:
        issued = status.certificate_date.strftime("%d/%m/%Y") if status.certificate_date else ""
        rows.append([_("Giấy chứng nhận SXSH"), f"{status.certificate_issuer} {issued}".strip()])
    return rows


def facility_summary_snapshot(*, facility: Facility, year: int) -> dict:
    with translation.override(DOCUMENT_LANGUAGE):
        province = facility.province.name
        status = facility.year_statuses.filter(year=year).first()
        contact = " · ".join(
            part
            for part in (facility.contact_person, facility.contact_phone, facility.contact_email)
            if part
        )
        measures = [
            {
                "title": measure.title,
                "category_label": str(measure.get_category_display()),
                "investment_vnd": measure.investment_vnd,
                "yearly_saving_vnd": measure.yearly_saving_vnd,
                "energy_saving_percent": measure.energy_saving_percent,
                "material_saving_percent": measure.material_saving_percent,
                "water_saving_percent": measure.water_saving_percent,
            }
            for measure in facility.measures.filter(year=year).order_by("title", "pk")
        ]
        header = {
            "issuer": facility.name,
            "number": f"{BLANK_NUMBER}/BC",
            "place": _place(province),
            "title": _("Báo cáo"),
            "subtitle": _("Tóm tắt tình hình áp dụng sản xuất sạch hơn năm %(year)s")
            % {"year": year},
            "recipients": [_("Sở Công Thương tỉnh %(province)s") % {"province": province}],
            "copies_to": [_("Như trên")],
            "signer_title": _("ĐẠI DIỆN CƠ SỞ"),
        }
        return _jsonable(
            {
                "summary": {
                    "facility": {
                        "name": facility.name,
                        "tax_code": facility.tax_code,
                        "sector": facility.sector.name,
                        "size_label": str(facility.get_size_class_display()),
                        "unit": facility.unit.name,
                        "province": province,
                        "address": facility.address,
                        "industrial_zone": facility.industrial_zone,
                        "contact": contact,
                    },
                    "year": year,
                    "status": {"year": year, "rows": _status_rows(status)} if status else None,
                    "measures": measures,
                },
                "header": header,
            }
        )
