"""The facility's yearly SXSH summary PDF, registered with the pipeline
(sxsh_portal.documents): its snapshot (frozen when the PDF is asked for), how it is
rendered from that snapshot alone, and who may read it (the facility page's rule: the
facility's representative, its DOIT and the Ministry)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from sxsh_portal.accounts.access import Scope, get_scoped_or_404
from sxsh_portal.documents.models import GeneratedDocument
from sxsh_portal.documents.pdf import (
    DOCUMENT_LANGUAGE,
    DocumentHeader,
    dataclass_from_json,
    render_document_pdf,
)
from sxsh_portal.documents.registry import DocumentKind, kind_register
from sxsh_portal.documents.snapshots import BLANK_NUMBER, jsonable, place_name

from . import access, selectors
from .models import Facility, FacilityYearStatus

KIND = GeneratedDocument.Kind.FACILITY_SUMMARY

# ---------------------------------------------------------------------------- context objects


@dataclass
class FacilityData:
    name: str
    tax_code: str
    sector: str
    size_label: str
    unit: str
    province: str
    address: str
    industrial_zone: str = ""
    contact: str = ""


@dataclass
class FacilityYearData:
    """A facility's SXSH status in the year, as label/value pairs already worded."""

    year: int
    rows: list[list[str]] = field(default_factory=list)
    energy_saving_percent: Decimal | None = None
    material_saving_percent: Decimal | None = None


@dataclass
class MeasureLine:
    title: str
    category_label: str
    investment_vnd: int | None = None
    yearly_saving_vnd: int | None = None
    energy_saving_percent: Decimal | None = None
    material_saving_percent: Decimal | None = None
    water_saving_percent: Decimal | None = None


@dataclass
class FacilitySummary:
    facility: FacilityData
    year: int
    status: FacilityYearData | None = None
    measures: list[MeasureLine] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict) -> FacilitySummary:
        status = data.get("status")
        return cls(
            facility=dataclass_from_json(FacilityData, data["facility"]),
            year=data["year"],
            status=dataclass_from_json(FacilityYearData, status) if status else None,
            measures=[dataclass_from_json(MeasureLine, row) for row in data.get("measures", [])],
        )


# ---------------------------------------------------------------------------- rendering


def render_facility_summary_pdf(summary: FacilitySummary, *, header: DocumentHeader) -> bytes:
    """A facility's SXSH summary of one year, for its DOIT."""
    return render_document_pdf("facilities/pdf/facility_summary.html", header, {"summary": summary})


def facility_summary_render(document: GeneratedDocument) -> bytes:
    snapshot = document.snapshot
    header = DocumentHeader.from_dict({**snapshot["header"], "date": document.document_date})
    return render_facility_summary_pdf(
        FacilitySummary.from_dict(snapshot["summary"]), header=header
    )


# ---------------------------------------------------------------------------- snapshot


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
            "place": place_name(province),
            "title": _("Báo cáo"),
            "subtitle": _("Tóm tắt tình hình áp dụng sản xuất sạch hơn năm %(year)s")
            % {"year": year},
            "recipients": [_("Sở Công Thương tỉnh %(province)s") % {"province": province}],
            "copies_to": [_("Như trên")],
            "signer_title": _("ĐẠI DIỆN CƠ SỞ"),
        }
        return jsonable(
            {
                "summary": {
                    "facility": {
                        "name": facility.name,
                        "tax_code": facility.tax_code,
                        "sector": facility.sector.name,
                        "size_label": str(facility.get_size_class_display()),
                        "unit": facility.admin_unit.name,
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


# ---------------------------------------------------------------------------- access


def facility_documents(scope: Scope, pk: int) -> tuple[Facility, QuerySet[GeneratedDocument]]:
    """The facility's representative, its DOIT and the Ministry; a district that sees the
    facility in its registry does not get the facility's own report (403)."""
    facility = get_scoped_or_404(selectors.facilities_visible(scope), pk=pk)
    if not access.facility_summary_may_read(scope, facility):
        raise PermissionDenied
    return facility, GeneratedDocument.objects.filter(kind=KIND, object_id=pk)


def facility_years(facility: Facility) -> list[int]:
    """The years the facility has data for, newest first: those a summary can be made of."""
    years = set(facility.year_statuses.values_list("year", flat=True))
    years |= set(facility.measures.values_list("year", flat=True))
    return sorted(years, reverse=True)


def register() -> None:
    kind_register(
        DocumentKind(
            kind=KIND,
            render=facility_summary_render,
            documents_for=lambda scope, pk: facility_documents(scope, pk)[1],
            filename_prefix="tom-tat-sxsh",
        )
    )
