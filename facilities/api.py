"""Facilities and the public case library through the API. A DOIT creates and updates its
province's facilities with the registry services' rules (the same as its import and forms)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from sxsh_portal.api.base import ApiViewMixin, TokenRequired
from sxsh_portal.territory.models import AdministrativeUnit

from . import access, selectors
from .models import Facility, Measure, Sector, SizeClass
from .services.registry import facility_create, facility_update


class FacilitySerializer(serializers.ModelSerializer):
    sector = serializers.SlugRelatedField(slug_field="code", read_only=True)
    admin_unit_id = serializers.IntegerField(read_only=True)
    admin_unit = serializers.CharField(source="admin_unit.name", read_only=True)
    province_id = serializers.IntegerField(read_only=True)
    province = serializers.CharField(source="province.name", read_only=True)

    class Meta:
        model = Facility
        fields = [
            "id",
            "name",
            "tax_code",
            "sector",
            "size_class",
            "admin_unit_id",
            "admin_unit",
            "province_id",
            "province",
            "industrial_zone",
            "address",
            "status",
            "registered_at",
            "verified_at",
        ]


class FacilityWriteSerializer(serializers.Serializer):
    """What a DOIT's system sends; the services apply the registry's rules."""

    name = serializers.CharField(max_length=255)
    tax_code = serializers.CharField(max_length=14, required=False)
    sector = serializers.SlugRelatedField(slug_field="code", queryset=Sector.objects.all())
    size_class = serializers.ChoiceField(choices=SizeClass.choices)
    admin_unit_id = serializers.PrimaryKeyRelatedField(
        source="admin_unit", queryset=AdministrativeUnit.objects.all()
    )
    address = serializers.CharField(max_length=500)
    industrial_zone = serializers.CharField(max_length=255, required=False, allow_blank=True)
    contact_person = serializers.CharField(max_length=150, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)

    def validate_tax_code(self, value: str) -> str:
        return value.strip()


class MeasureSerializer(serializers.ModelSerializer):
    facility = serializers.CharField(source="facility.name", read_only=True)
    sector = serializers.CharField(source="facility.sector.code", read_only=True)
    province = serializers.CharField(source="facility.province.name", read_only=True)

    class Meta:
        model = Measure
        fields = [
            "id",
            "year",
            "category",
            "title",
            "description",
            "facility",
            "sector",
            "province",
            "investment_vnd",
            "yearly_saving_vnd",
            "energy_saving_percent",
            "material_saving_percent",
        ]


class FacilityViewSet(
    ApiViewMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Facilities in the caller's scope. A DOIT creates (verified at once) and updates
    (PATCH) the facilities of its province."""

    permission_classes = [TokenRequired]
    http_method_names = ["get", "post", "patch", "head", "options"]
    serializer_class = FacilitySerializer
    ordering_fields = ["name", "registered_at"]
    search_fields = ["name", "tax_code"]
    filterset_fields = ["status", "province_id", "size_class"]

    def get_queryset(self):
        return selectors.facilities_visible(self.scope).order_by("name", "id")

    def get_serializer_class(self):
        if self.action in ("create", "partial_update"):
            return FacilityWriteSerializer
        return FacilitySerializer

    @extend_schema(request=FacilityWriteSerializer, responses={201: FacilitySerializer})
    def create(self, request, *args, **kwargs):
        if not access.facilities_may_add(self.scope):
            raise PermissionDenied(_("Chỉ Sở Công Thương được thêm cơ sở qua API."))
        incoming = FacilityWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        if not data.get("tax_code"):
            raise serializers.ValidationError({"tax_code": _("Trường này là bắt buộc.")})
        facility = facility_create(
            actor=request.user, manageable_units=selectors.units_manageable(self.scope), **data
        )
        return Response(FacilitySerializer(facility).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=FacilityWriteSerializer, responses=FacilitySerializer)
    def partial_update(self, request, *args, **kwargs):
        facility = self.get_object()
        if not selectors.facility_can_manage(self.scope, facility):
            raise PermissionDenied(_("Chỉ Sở Công Thương của tỉnh được sửa cơ sở qua API."))
        incoming = FacilityWriteSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        if "tax_code" in data and data["tax_code"] != facility.tax_code:
            raise serializers.ValidationError(
                {"tax_code": _("Mã số thuế là khoá của cơ sở, không sửa được.")}
            )
        data.pop("tax_code", None)
        fields = ("name", "sector", "size_class", "admin_unit", "address", "industrial_zone")
        fields += ("contact_person", "contact_phone", "contact_email")
        current = {name: getattr(facility, name) for name in fields}
        facility = facility_update(facility=facility, actor=request.user, **{**current, **data})
        return Response(FacilitySerializer(facility).data)

    def update(self, request, *args, **kwargs):  # only PATCH is offered
        return self.partial_update(request, *args, **kwargs)


class CaseViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Published SXSH cases (measures the facility agreed and the DOIT approved). Public."""

    serializer_class = MeasureSerializer
    ordering_fields = ["year", "title"]
    search_fields = ["title", "description", "facility__name"]
    filterset_fields = ["year", "category"]

    def get_queryset(self):
        return selectors.measures_public()
