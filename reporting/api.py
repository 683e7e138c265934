"""Reporting through the API: reporting years, unit reports (read; a unit saves and submits
its own with the page's rules) and consolidated reports (the public national aggregates:
reporting/dashboards/api.py).

Every read goes through the selectors the pages use, every write through the cycle's
services: the same scope, validation, version check and audit trail as the portal.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from sxsh_portal.api.base import (
    ApiViewMixin,
    Conflict,
    TokenRequired,
)

from . import access, selectors
from .figures import REPORT_VALUE_LIMIT, Figure
from .models import ConsolidatedReport, ReportingYear, UnitReport
from .services.cycle import StaleReportError, unit_report_save, unit_report_submit


class ReportingYearSerializer(serializers.ModelSerializer):
    plan_id = serializers.IntegerField(read_only=True)
    province = serializers.CharField(source="plan.province_label", read_only=True)

    class Meta:
        model = ReportingYear
        fields = ["id", "year", "plan_id", "province", "opened_at"]


class UnitReportSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="reporting_year.year", read_only=True)
    reporting_year_id = serializers.IntegerField(read_only=True)
    reporting_unit = serializers.CharField(source="agency.name", read_only=True)
    reporting_unit_id = serializers.IntegerField(source="agency_id", read_only=True)
    province = serializers.CharField(source="reporting_year.plan.province_label", read_only=True)
    days_late = serializers.SerializerMethodField()

    class Meta:
        model = UnitReport
        fields = [
            "id",
            "year",
            "reporting_year_id",
            "reporting_unit",
            "reporting_unit_id",
            "province",
            "state",
            "version",
            "due_date",
            "first_submitted_at",
            "submitted_at",
            "accepted_at",
            "days_late",
        ]

    def get_days_late(self, report) -> int:
        return report.days_late()


class FigureSerializer(serializers.Serializer):
    figure = serializers.CharField()
    label = serializers.CharField()
    reported_value = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    computed_value = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)


class UnitReportDetailSerializer(UnitReportSerializer):
    figures = serializers.SerializerMethodField()

    class Meta(UnitReportSerializer.Meta):
        fields = [
            *UnitReportSerializer.Meta.fields,
            "difficulties",
            "proposals",
            "returned_reason",
            "figures",
        ]

    @extend_schema(responses=FigureSerializer(many=True))
    def get_figures(self, report) -> list[dict]:
        rows = [
            {
                "figure": value.figure,
                "label": str(Figure(value.figure).label),
                "reported_value": value.reported_value,
                "computed_value": value.computed_value,
            }
            for value in selectors.report_values(report)
        ]
        return FigureSerializer(rows, many=True).data


def _figure(name: str, raw) -> Decimal | None:
    """A figure from JSON: a number or a plain decimal string (dot as the decimal point);
    never NaN, Infinity or more than the column holds."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise serializers.ValidationError({name: _("Phải là một số.")})
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation as exc:
        raise serializers.ValidationError({name: _("Phải là một số.")}) from exc
    if not value.is_finite() or abs(value) > REPORT_VALUE_LIMIT:
        raise serializers.ValidationError(
            {name: _("Giá trị không hợp lệ hoặc quá lớn (tối đa 16 chữ số phần nguyên).")}
        )
    if value != value.quantize(Decimal("0.01")):
        raise serializers.ValidationError({name: _("Tối đa 2 chữ số thập phân.")})
    return value


class UnitReportWriteSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    figures = serializers.DictField(child=serializers.JSONField(), required=False)
    difficulties = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    proposals = serializers.CharField(required=False, allow_blank=True, max_length=10000)

    def validate_figures(self, figures: dict) -> dict[str, Decimal | None]:
        known = set(Figure.values)
        unknown = sorted(set(figures) - known)
        if unknown:
            raise serializers.ValidationError(
                _("Số liệu không có trong báo cáo: %(names)s.") % {"names": ", ".join(unknown)}
            )
        return {name: _figure(name, raw) for name, raw in figures.items()}


def _refusal(error: DjangoValidationError) -> serializers.ValidationError:
    """The service's refusal as a 400: the figures' messages under "figures", by figure."""
    if not hasattr(error, "error_dict"):
        return serializers.ValidationError(error.messages)
    figures, other = {}, {}
    for key, messages in error.message_dict.items():
        if key in Figure.values:
            figures[key] = " ".join(messages)
        else:
            other[key] = messages
    return serializers.ValidationError({**other, **({"figures": figures} if figures else {})})


class SubmitSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, required=False)


class UnitReportViewSet(ApiViewMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Unit reports in the caller's scope. The unit itself may PATCH its figures (with the
    version it read) and submit; a stale version is refused with 409."""

    permission_classes = [TokenRequired]
    http_method_names = ["get", "patch", "post", "head", "options"]
    ordering_fields = ["due_date", "state", "reporting_year__year"]
    filterset_fields = {"state": ["exact"], "reporting_year__year": ["exact"]}

    def get_queryset(self):
        return selectors.report_list(scope=self.scope)

    def get_object(self):
        return selectors.report_get(scope=self.scope, pk=self.kwargs["pk"])

    def get_serializer_class(self):
        if self.action == "partial_update":
            return UnitReportWriteSerializer
        if self.action == "submit":
            return SubmitSerializer
        return UnitReportDetailSerializer if self.action == "retrieve" else UnitReportSerializer

    def _own(self) -> UnitReport:
        report = self.get_object()
        if not access.report_is_own(self.scope, report):
            raise PermissionDenied(_("Chỉ đơn vị báo cáo được sửa và gửi báo cáo của mình."))
        return report

    @extend_schema(request=UnitReportWriteSerializer, responses=UnitReportDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        report = self._own()
        incoming = UnitReportWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        stored = {value.figure: value.reported_value for value in report.values.all()}
        values = {**stored, **data.get("figures", {})}
        try:
            report = unit_report_save(
                report=report,
                actor=request.user,
                expected_version=data["version"],
                reported_values=values,
                difficulties=data.get("difficulties", report.difficulties),
                proposals=data.get("proposals", report.proposals),
            )
        except StaleReportError as exc:
            raise Conflict from exc
        except DjangoValidationError as exc:
            raise _refusal(exc) from exc
        return Response(UnitReportDetailSerializer(self.get_object()).data)

    def update(self, request, *args, **kwargs):  # only PATCH is offered
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=SubmitSerializer, responses=UnitReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send the report to the DOIT. Sending a sent report again changes nothing."""
        report = self._own()
        incoming = SubmitSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            unit_report_submit(
                report=report,
                actor=request.user,
                expected_version=incoming.validated_data.get("version"),
            )
        except StaleReportError as exc:
            raise Conflict from exc
        except DjangoValidationError as exc:
            raise _refusal(exc) from exc
        return Response(UnitReportDetailSerializer(self.get_object()).data)


class ReportingYearViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Reporting years: the Ministry all, a DOIT its province's."""

    serializer_class = ReportingYearSerializer
    ordering_fields = ["year"]
    filterset_fields = ["year", "plan_id"]

    def get_queryset(self):
        return selectors.year_list(scope=self.scope).order_by("-year", "pk")


class SentIndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    numerator = serializers.CharField(allow_null=True)
    denominator = serializers.CharField(allow_null=True)
    actual = serializers.CharField(allow_null=True)
    target_value = serializers.CharField(allow_null=True)
    target_year = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()


class ConsolidatedReportSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="reporting_year.year", read_only=True)
    reporting_year_id = serializers.IntegerField(read_only=True)
    province = serializers.CharField(source="reporting_year.plan.province_label", read_only=True)
    province_id = serializers.IntegerField(source="reporting_year.plan.province_id")

    class Meta:
        model = ConsolidatedReport
        fields = ["id", "year", "reporting_year_id", "province", "province_id", "state"]
        fields += ["submitted_at"]


class ConsolidatedReportDetailSerializer(ConsolidatedReportSerializer):
    indicators = serializers.SerializerMethodField()

    class Meta(ConsolidatedReportSerializer.Meta):
        fields = [*ConsolidatedReportSerializer.Meta.fields, "indicators"]

    @extend_schema(responses=SentIndicatorSerializer(many=True))
    def get_indicators(self, report) -> list[dict]:
        """The figures as sent (frozen); a draft has none yet."""
        if not report.is_submitted:
            return []
        keys = SentIndicatorSerializer().fields.keys()
        rows = report.snapshot.get("indicators", [])
        return [{key: row.get(key) for key in keys} for row in rows]


class ConsolidatedReportViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Consolidated provincial reports: the DOIT its own, the Ministry those sent to it."""

    ordering_fields = ["submitted_at", "reporting_year__year"]
    filterset_fields = {"state": ["exact"], "reporting_year__year": ["exact"]}

    def get_queryset(self):
        return access.consolidated_visible(self.scope).order_by("-reporting_year__year", "pk")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ConsolidatedReportDetailSerializer
        return ConsolidatedReportSerializer
