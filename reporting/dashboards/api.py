"""The public national aggregates and the DHIS2 dataValueSet through the API: the figures
the public dashboard and the open data files show."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from reporting import access as reporting_access
from sxsh_portal.api.base import ApiViewMixin, SignedInWithToken

from .opendata import dhis2_data_value_set, public_figures


class PublicFigureSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    measure_unit = serializers.CharField()
    actual = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    national_target = serializers.CharField(source="target_label")
    status = serializers.CharField()
    provinces = serializers.IntegerField()


class NationalFiguresViewSet(ApiViewMixin, viewsets.ViewSet):
    """The public national aggregates of a year, from the consolidated reports sent."""

    @extend_schema(
        parameters=[OpenApiParameter("year", int, description="Năm; mặc định năm mới nhất")],
        responses=PublicFigureSerializer(many=True),
    )
    def list(self, request):
        try:
            year = int(request.query_params.get("year") or 0) or None
        except ValueError as exc:
            raise serializers.ValidationError({"year": _("Năm phải là một số.")}) from exc
        dashboard = public_figures(year=year)
        if dashboard is None:
            return Response({"year": None, "provinces_sent": 0, "figures": []})
        return Response(
            {
                "year": dashboard.choices.year,
                "provinces_sent": dashboard.provinces_sent,
                "figures": PublicFigureSerializer(dashboard.figures, many=True).data,
            }
        )


class DataValueSetViewSet(ApiViewMixin, viewsets.ViewSet):
    """The sent consolidated figures of a year as a DHIS2 dataValueSet (importable with
    POST /api/dataValueSets on a DHIS2 instance). Codes are mapped by DHIS2_MAPPING_FILE."""

    permission_classes = [SignedInWithToken]

    @extend_schema(
        parameters=[OpenApiParameter("year", int, required=True, description="Năm báo cáo")],
        responses={200: {"type": "object"}},
    )
    def list(self, request):
        try:
            year = int(request.query_params.get("year", ""))
        except ValueError as exc:
            raise serializers.ValidationError(
                {"year": _("Hãy chọn năm (ví dụ year=2025).")}
            ) from exc
        reports = reporting_access.consolidated_visible(self.scope)
        return Response(dhis2_data_value_set(reports, year=year))
