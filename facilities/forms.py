from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from sxsh_portal.accounts.access import Scope
from sxsh_portal.forms import PortalFormMixin
from sxsh_portal.ids import IdModelChoiceField, parse_id
from sxsh_portal.territory.models import AdministrativeUnit
from sxsh_portal.territory.selectors import province_of, with_predecessors

from . import selectors
from .models import (
    SIZES_WITH_DEDICATED_UNIT,
    Facility,
    FacilityYearStatus,
    Measure,
    Sector,
    SizeClass,
    tax_code_validator,
)

MAX_IMPORT_BYTES = 10 * 1024 * 1024


class UnitChoiceField(IdModelChoiceField):
    def label_from_instance(self, unit):
        return str(unit)


class RegistrationForm(PortalFormMixin, forms.Form):
    """Public self-registration: the facility and its representative's account."""

    name = forms.CharField(label=_("Tên cơ sở"), max_length=255)
    tax_code = forms.CharField(
        label=_("Mã số thuế"),
        max_length=14,
        validators=[tax_code_validator],
        help_text=_("10 chữ số; chi nhánh: 10 chữ số, dấu “-” và 3 chữ số."),
    )
    sector = IdModelChoiceField(label=_("Ngành"), queryset=Sector.objects.all())
    size_class = forms.ChoiceField(label=_("Quy mô"), choices=SizeClass.choices)
    province = IdModelChoiceField(
        label=_("Tỉnh/thành phố"), queryset=AdministrativeUnit.objects.none()
    )
    admin_unit = UnitChoiceField(
        label=_("Huyện/xã"),
        queryset=AdministrativeUnit.objects.none(),
        help_text=_("Đơn vị hành chính nơi đặt cơ sở sản xuất."),
    )
    industrial_zone = forms.CharField(
        label=_("Khu/cụm công nghiệp"), max_length=255, required=False
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=500)
    contact_phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)
    full_name = forms.CharField(label=_("Họ và tên người đại diện"), max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"))
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    password1 = forms.CharField(label=_("Mật khẩu"), strip=False, widget=forms.PasswordInput)
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"), strip=False, widget=forms.PasswordInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = selectors.registration_provinces()
        units = selectors.registration_units().order_by("parent__name", "name")
        self.fields["admin_unit"].queryset = units
        province_id = parse_id(self.data.get("province") or self.initial.get("province"))
        if province_id:
            # Only the chosen province's units are offered (and accepted).
            self.fields["admin_unit"].queryset = selectors.registration_units_of(
                province_id
            ).order_by("name")

    # Whether the tax code or username is taken is not checked here: the page must answer
    # the same either way (services.facility_registration_receive writes to the applicant).
    def clean_tax_code(self):
        return self.cleaned_data["tax_code"].strip()

    def clean_username(self):
        return self.cleaned_data["username"].strip()

    def clean(self):
        cleaned = super().clean()
        # Whether the unit lies in the province is the service's rule (facility_register).
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Hai mật khẩu không khớp."))
        elif password1:
            user = get_user_model()(
                username=cleaned.get("username", ""),
                email=cleaned.get("email", ""),
                full_name=cleaned.get("full_name", ""),
            )
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "tax_code": data["tax_code"],
            "sector": data["sector"],
            "size_class": data["size_class"],
            "province": data["province"],
            "admin_unit": data["admin_unit"],
            "industrial_zone": data["industrial_zone"],
            "address": data["address"],
            "contact_person": data["full_name"],
            "contact_phone": data["contact_phone"],
            "contact_email": data["email"],
            "username": data["username"],
            "password": data["password1"],
            "full_name": data["full_name"],
            "email": data["email"],
        }


class FacilityForm(PortalFormMixin, forms.ModelForm):
    """The profile, as the representative or the DOIT edits it (tax code is the key)."""

    admin_unit = UnitChoiceField(
        label=_("Đơn vị hành chính"), queryset=AdministrativeUnit.objects.none()
    )

    class Meta:
        model = Facility
        fields = [
            "name",
            "sector",
            "size_class",
            "admin_unit",
            "industrial_zone",
            "address",
            "contact_person",
            "contact_phone",
            "contact_email",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        province = self.instance.province
        province_ids = {province.pk} | set(province.successors.values_list("pk", flat=True))
        self.fields["admin_unit"].queryset = (
            AdministrativeUnit.objects.exclude(level=AdministrativeUnit.Level.PROVINCE)
            .filter(Q(parent_id__in=province_ids) | Q(parent__parent_id__in=province_ids))
            .select_related("parent")
            .order_by("name")
        )


class RejectForm(PortalFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Lý do từ chối"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )


class YearStatusForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = FacilityYearStatus
        fields = [
            "year",
            "is_aware",
            "is_applying",
            "has_dedicated_unit",
            "trained_staff_count",
            "has_iso14001",
            "environmental_record",
            "energy_saving_percent",
            "material_saving_percent",
            "yearly_saving_vnd",
            "certificate_issuer",
            "certificate_date",
            "certificate_expires",
        ]
        widgets = {
            "certificate_date": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "certificate_expires": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        }

    def __init__(self, *args, facility: Facility, **kwargs):
        self.facility = facility
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["year"].disabled = True
        # The year's rules (facilities.imports.rules) run in the model's clean(), against
        # the size the year is saved with (see facility_status_set).
        self.instance.size_class = self.year_size_class
        if self.year_size_class not in SIZES_WITH_DEDICATED_UNIT:
            self.fields["has_dedicated_unit"].help_text = _(
                "Cơ sở quy mô nhỏ không khai báo mục này."
            )

    @property
    def year_size_class(self) -> str:
        """The size the facility had in the year edited: a past year keeps its own, so its
        rules are checked against that year's data, not today's size."""
        if self.instance.pk and self.instance.size_class:
            return self.instance.size_class
        return self.facility.size_class


class MeasureForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Measure
        fields = [
            "year",
            "category",
            "title",
            "description",
            "investment_vnd",
            "yearly_saving_vnd",
            "energy_saving_percent",
            "energy_saving_amount",
            "energy_saving_unit",
            "material_saving_percent",
            "material_saving_amount",
            "material_saving_unit",
            "water_saving_percent",
            "water_saving_amount",
            "water_saving_unit",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}


class FacilityFilterForm(PortalFormMixin, forms.Form):
    """The list's filters. The province and unit selects are rendered by the template from
    `province_options`/`unit_options`: the whole country has about 4,000 units, far too many
    for one select, so the ministry picks a province first and only its units are listed."""

    q = forms.CharField(label=_("Tên hoặc mã số thuế"), required=False, max_length=200)
    sector = forms.ModelChoiceField(label=_("Ngành"), queryset=Sector.objects.all(), required=False)
    size_class = forms.ChoiceField(
        label=_("Quy mô"), choices=[("", _("Tất cả"))] + SizeClass.choices, required=False
    )
    province = forms.ModelChoiceField(
        label=_("Tỉnh/thành phố"), queryset=AdministrativeUnit.objects.none(), required=False
    )
    admin_unit = UnitChoiceField(
        label=_("Đơn vị hành chính"), queryset=AdministrativeUnit.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả"))] + Facility.Status.choices,
        required=False,
    )
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100)
    applying = forms.ChoiceField(
        label=_("Áp dụng SXSH"),
        choices=[("", _("Tất cả")), ("yes", _("Có áp dụng")), ("no", _("Chưa áp dụng"))],
        required=False,
    )
    unverified_changes = forms.BooleanField(label=_("Có thay đổi chưa xác nhận"), required=False)
    # Free text: an unknown column sorts by name (selectors.FACILITY_SORTS), never an error.
    sort = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    def __init__(self, *args, scope: Scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = scope
        # Validation looks the chosen unit up in the whole jurisdiction (one query), so a
        # link with a unit and no province still filters; only the options are narrowed.
        self.fields["admin_unit"].queryset = selectors.units_in_jurisdiction(scope)
        if scope.is_ministry:
            self.fields["province"].queryset = selectors.provinces_in_jurisdiction(scope)
        else:
            # A DOIT or a district committee has one province: its units are few.
            del self.fields["province"]

    def clean(self):
        cleaned = super().clean()
        province, unit = cleaned.get("province"), cleaned.get("admin_unit")
        cleaned["province_ids"] = frozenset()
        if province:
            cleaned["province_ids"] = with_predecessors({province.pk})
            units = selectors.units_in_jurisdiction(
                self.scope, province_ids=cleaned["province_ids"]
            )
            if unit and not units.filter(pk=unit.pk).exists():
                # Without JavaScript the unit of the previous province stays selected when
                # the province changes: the province wins.
                cleaned["admin_unit"] = None
        return cleaned

    def _chosen(self, name: str):
        """A filter's valid value, even when another filter is invalid."""
        if not self.is_bound:
            return None
        self.is_valid()  # cleaned_data keeps the fields that are valid
        return self.cleaned_data.get(name)

    def _listed_province(self) -> AdministrativeUnit | None:
        """The province whose units the unit select offers (the ministry only)."""
        if "province" not in self.fields:
            return None
        province, unit = self._chosen("province"), self._chosen("admin_unit")
        if province is None and unit is not None:
            province = province_of(unit)
        return province

    @cached_property
    def province_options(self) -> list[tuple[int, str, bool]]:
        if "province" not in self.fields:
            return []
        listed = self._listed_province()
        return [
            (province.pk, str(province), listed is not None and province.pk == listed.pk)
            for province in self.fields["province"].queryset.only(
                "pk", "name", "valid_from", "valid_to"
            )
        ]

    @cached_property
    def unit_options(self) -> list[tuple[int, str, bool]]:
        province_ids = None
        if "province" in self.fields:
            province = self._listed_province()
            if province is None:
                return []
            province_ids = with_predecessors({province.pk})
        units = selectors.units_in_jurisdiction(self.scope, province_ids=province_ids)
        chosen = self._chosen("admin_unit")
        return [
            (unit.pk, str(unit), chosen is not None and unit.pk == chosen.pk)
            for unit in units.select_related(None)
            .only("pk", "name", "valid_from", "valid_to")
            .order_by("name")
        ]

    def filters(self) -> selectors.FacilityFilters:
        if not self.is_valid():
            return selectors.FacilityFilters()
        data = self.cleaned_data
        return selectors.FacilityFilters(
            q=data["q"].strip(),
            sector_id=data["sector"].pk if data["sector"] else None,
            size_class=data["size_class"],
            province_ids=data["province_ids"],
            admin_unit_id=data["admin_unit"].pk if data["admin_unit"] else None,
            status=data["status"],
            year=data["year"],
            applying=data["applying"],
            unverified_changes=data["unverified_changes"],
            sort=data["sort"],
        )


class ImportUploadForm(PortalFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Tệp dữ liệu (.xlsx hoặc .csv)"),
        help_text=_("Dùng tệp mẫu; mỗi dòng là một cơ sở, mã số thuế là khóa."),
    )
    allow_verified = forms.BooleanField(
        label=_("Cho phép cập nhật hồ sơ của cơ sở đã xác minh"),
        required=False,
        help_text=_(
            "Không đánh dấu: dòng nào thay đổi hồ sơ của một cơ sở đã xác minh sẽ được báo lỗi."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Tệp lớn hơn 10 MB; hãy chia nhỏ tệp."))
        return upload


class LibrarySearchForm(PortalFormMixin, forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=200)
    sector = forms.ModelChoiceField(label=_("Ngành"), queryset=Sector.objects.all(), required=False)
    category = forms.ChoiceField(
        label=_("Nhóm giải pháp"),
        choices=[("", _("Tất cả"))] + Measure.Category.choices,
        required=False,
    )
