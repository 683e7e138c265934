"""Programmes, indicators and action plans through the API: the same selectors, so the same
scope, as the pages (programmes and indicators public, plans as `plan_list` allows)."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from sxsh_portal.api.base import ApiViewMixin

from . import access, selectors
from .models import ActionPlan, Indicator, Phase, Strategy, Target


class TargetSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Target
        fields = ["id", "indicator", "year", "value_min", "value_max", "text"]


class PhaseSerializer(serializers.ModelSerializer):
    targets = TargetSerializer(many=True, read_only=True)

    class Meta:
        model = Phase
        fields = ["id", "name", "start_year", "end_year", "targets"]


class ProgrammeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Strategy
        fields = ["id", "number", "title", "issuer", "issued_on", "period_start", "period_end"]


class ProgrammeDetailSerializer(ProgrammeSerializer):
    phases = PhaseSerializer(many=True, read_only=True)

    class Meta(ProgrammeSerializer.Meta):
        fields = [*ProgrammeSerializer.Meta.fields, "overall_goal", "phases"]


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["code", "name", "name_en", "measure_unit", "source", "description"]


class PlanSerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="province_label", read_only=True)
    province_id = serializers.IntegerField(read_only=True)
    programme_id = serializers.IntegerField(source="strategy_id", read_only=True)
    predecessor_id = serializers.IntegerField(read_only=True)

    class Meta:
        model = ActionPlan
        fields = [
            "id",
            "title",
            "kind",
            "decision_number",
            "issued_on",
            "period_start",
            "period_end",
            "province",
            "province_id",
            "programme_id",
            "predecessor_id",
        ]


class PlanDetailSerializer(PlanSerializer):
    targets = TargetSerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = [*PlanSerializer.Meta.fields, "overall_goal", "targets"]


class ProgrammeViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """National programmes (strategies) with their phases and targets. Public."""

    ordering_fields = ["issued_on", "number"]
    search_fields = ["number", "title"]

    def get_queryset(self):
        if self.action == "retrieve":
            return Strategy.objects.filter(pk__in=selectors.strategy_list().values("pk"))
        return selectors.strategy_list()

    def get_object(self):
        return selectors.strategy_get(pk=self.kwargs["pk"])

    def get_serializer_class(self):
        return ProgrammeDetailSerializer if self.action == "retrieve" else ProgrammeSerializer


class IndicatorViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """The indicator catalogue shared by the programmes. Public."""

    serializer_class = IndicatorSerializer
    lookup_field = "code"
    ordering_fields = ["code", "name"]
    search_fields = ["code", "name"]

    def get_queryset(self):
        return selectors.indicator_list()


class PlanViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Provincial action plans: issued ones are public; a draft only for its DOIT and the
    Ministry."""

    ordering_fields = ["issued_on", "period_start", "title"]
    search_fields = ["title", "decision_number"]
    filterset_fields = ["province_id", "strategy_id"]

    def get_queryset(self):
        return access.plans_readable(self.scope).order_by("province_id", "period_start", "pk")

    def get_object(self):
        return selectors.plan_get(scope=self.scope, pk=self.kwargs["pk"])

    def get_serializer_class(self):
        return PlanDetailSerializer if self.action == "retrieve" else PlanSerializer
