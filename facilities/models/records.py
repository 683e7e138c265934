"""What a facility records: its yearly SXSH status and the measures it applies."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..imports import rules
from .registry import (
    SIZES_WITH_DEDICATED_UNIT,
    Facility,
    SizeClass,
    non_negative,
    percent_ok,
    percent_validators,
)


class EnvironmentalRecord(models.TextChoices):
    EIA = "eia", _("Báo cáo ĐTM")
    COMMITMENT = "commitment", _("Cam kết BVMT")
    NONE = "none", _("Không có")


class FacilityYearStatus(models.Model):
    """A facility's SXSH situation in one year: what the targets of the plans count."""

    facility = models.ForeignKey(
        Facility,
        verbose_name=_("cơ sở"),
        on_delete=models.CASCADE,
        related_name="year_statuses",
        # The unique (facility, year) index serves every lookup by facility.
        db_index=False,
    )
    year = models.PositiveSmallIntegerField(
        _("năm"),
        validators=[
            MinValueValidator(2000, _("Năm phải từ 2000 đến 2100.")),
            MaxValueValidator(2100, _("Năm phải từ 2000 đến 2100.")),
        ],
    )
    # The facility's size class in that year: the "medium and large enterprises with a
    # dedicated unit" indicator counts each year as it was, and a CHECK cannot join.
    size_class = models.CharField(_("quy mô"), max_length=10, choices=SizeClass.choices)
    is_aware = models.BooleanField(_("nhận thức được lợi ích của SXSH"), default=False)
    is_applying = models.BooleanField(_("đang áp dụng SXSH"), default=False)
    has_dedicated_unit = models.BooleanField(
        _("có bộ phận chuyên trách về SXSH"),
        default=False,
        help_text=_("Chỉ áp dụng với doanh nghiệp vừa và lớn."),
    )
    trained_staff_count = models.PositiveIntegerField(
        _("số cán bộ kỹ thuật được đào tạo về SXSH"), default=0
    )
    has_iso14001 = models.BooleanField(_("có chứng nhận ISO 14001"), default=False)
    environmental_record = models.CharField(
        _("hồ sơ môi trường"),
        max_length=12,
        choices=EnvironmentalRecord.choices,
        default=EnvironmentalRecord.NONE,
    )
    # Year totals, for the "saving per unit product among appliers" indicator.
    energy_saving_percent = models.DecimalField(
        _("tiết kiệm năng lượng trên đơn vị sản phẩm (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=percent_validators,
    )
    material_saving_percent = models.DecimalField(
        _("tiết kiệm nguyên, nhiên, vật liệu trên đơn vị sản phẩm (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=percent_validators,
    )
    yearly_saving_vnd = models.BigIntegerField(
        _("giá trị tiết kiệm trong năm (đồng)"), null=True, blank=True, validators=non_negative
    )
    certificate_issuer = models.CharField(
        _("cơ quan cấp giấy chứng nhận SXSH"), max_length=255, blank=True
    )
    certificate_date = models.DateField(_("ngày cấp giấy chứng nhận"), null=True, blank=True)
    certificate_expires = models.DateField(_("giấy chứng nhận hết hạn"), null=True, blank=True)
    history = HistoricalRecords(user_db_constraint=False)  # as Facility.history

    class Meta:
        verbose_name = _("tình hình SXSH theo năm")
        verbose_name_plural = _("tình hình SXSH theo năm")
        ordering = ["facility", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "year"],
                name="facilities_status_one_per_year",
                violation_error_message=_("Cơ sở đã có số liệu của năm này."),
            ),
            models.CheckConstraint(
                condition=Q(has_dedicated_unit=False)
                | Q(size_class__in=[s.value for s in SIZES_WITH_DEDICATED_UNIT]),
                name="facilities_status_dedicated_unit_medium_large",
                violation_error_message=rules.DEDICATED_UNIT_MESSAGE,
            ),
            models.CheckConstraint(
                condition=percent_ok("energy_saving_percent")
                & percent_ok("material_saving_percent"),
                name="facilities_status_percent_range",
                violation_error_message=_("Tỷ lệ phải từ 0 đến 100%%."),
            ),
            models.CheckConstraint(
                condition=Q(yearly_saving_vnd__isnull=True) | Q(yearly_saving_vnd__gte=0),
                name="facilities_status_saving_non_negative",
                violation_error_message=_("Giá trị tiết kiệm không được âm."),
            ),
            models.CheckConstraint(
                condition=Q(certificate_expires__isnull=True)
                | Q(
                    certificate_date__isnull=False,
                    certificate_expires__gte=F("certificate_date"),
                ),
                name="facilities_status_certificate_expiry_after_date",
                violation_error_message=rules.CERTIFICATE_EXPIRY_MESSAGE,
            ),
        ]
        indexes = [models.Index(fields=["year", "is_applying"], name="status_year_applying")]

    def __str__(self):
        return f"{self.facility.name} — {self.year}"

    def clean(self):
        errors = rules.status_row_errors(self.__dict__)
        if errors:
            raise ValidationError(errors)

    def get_constraints(self):
        # clean() checks these rules and names the field; their constraints would repeat
        # the message without it (they stay in the database as the last guard).
        return [
            (model, [c for c in constraints if c.name not in rules.CHECKED_CONSTRAINTS])
            for model, constraints in super().get_constraints()
        ]


class Measure(models.Model):
    """An SXSH measure a facility applied (giải pháp SXSH), possibly a public case study."""

    class Category(models.TextChoices):
        HOUSEKEEPING = "housekeeping", _("Quản lý nội vi")
        INPUT_SUBSTITUTION = "input_substitution", _("Thay thế nguyên liệu đầu vào")
        PROCESS_CONTROL = "process_control", _("Kiểm soát quá trình tốt hơn")
        EQUIPMENT_MODIFICATION = "equipment_modification", _("Cải tiến thiết bị")
        TECHNOLOGY_CHANGE = "technology_change", _("Thay đổi công nghệ")
        ONSITE_RECYCLING = "onsite_recycling", _("Tuần hoàn/tái sử dụng tại chỗ")
        BY_PRODUCT = "by_product", _("Tạo ra sản phẩm phụ hữu ích")
        PRODUCT_MODIFICATION = "product_modification", _("Cải tiến sản phẩm")

    facility = models.ForeignKey(
        Facility, verbose_name=_("cơ sở"), on_delete=models.CASCADE, related_name="measures"
    )
    year = models.PositiveSmallIntegerField(
        _("năm áp dụng"),
        validators=[
            MinValueValidator(2000, _("Năm phải từ 2000 đến 2100.")),
            MaxValueValidator(2100, _("Năm phải từ 2000 đến 2100.")),
        ],
    )
    category = models.CharField(_("nhóm giải pháp"), max_length=30, choices=Category.choices)
    title = models.CharField(_("tên giải pháp"), max_length=255)
    description = models.TextField(_("mô tả"))
    investment_vnd = models.BigIntegerField(
        _("chi phí đầu tư (đồng)"), default=0, validators=non_negative
    )
    yearly_saving_vnd = models.BigIntegerField(
        _("giá trị tiết kiệm hằng năm (đồng)"), default=0, validators=non_negative
    )
    energy_saving_percent = models.DecimalField(
        _("tiết kiệm năng lượng (% trên đơn vị sản phẩm)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=percent_validators,
    )
    energy_saving_amount = models.DecimalField(
        _("lượng năng lượng tiết kiệm"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=non_negative,
    )
    energy_saving_unit = models.CharField(
        _("đơn vị (năng lượng)"), max_length=40, blank=True, help_text=_("Ví dụ: kWh/năm")
    )
    material_saving_percent = models.DecimalField(
        _("tiết kiệm nguyên, nhiên, vật liệu (% trên đơn vị sản phẩm)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=percent_validators,
    )
    material_saving_amount = models.DecimalField(
        _("lượng nguyên, nhiên, vật liệu tiết kiệm"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=non_negative,
    )
    material_saving_unit = models.CharField(
        _("đơn vị (nguyên liệu)"), max_length=40, blank=True, help_text=_("Ví dụ: tấn than/năm")
    )
    water_saving_percent = models.DecimalField(
        _("tiết kiệm nước (% trên đơn vị sản phẩm)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=percent_validators,
    )
    water_saving_amount = models.DecimalField(
        _("lượng nước tiết kiệm"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=non_negative,
    )
    water_saving_unit = models.CharField(
        _("đơn vị (nước)"), max_length=40, blank=True, help_text=_("Ví dụ: m³/năm")
    )
    publication_agreed = models.BooleanField(
        _("cơ sở đồng ý công bố"),
        default=False,
        help_text=_("Cơ sở đồng ý đưa giải pháp vào thư viện điển hình công khai."),
    )
    publication_approved = models.BooleanField(_("Sở Công Thương duyệt công bố"), default=False)
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giải pháp SXSH")
        verbose_name_plural = _("giải pháp SXSH")
        ordering = ["-year", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(investment_vnd__gte=0),
                name="facilities_measure_investment_non_negative",
                violation_error_message=_("Chi phí đầu tư không được âm."),
            ),
            models.CheckConstraint(
                condition=Q(yearly_saving_vnd__gte=0),
                name="facilities_measure_saving_non_negative",
                violation_error_message=_("Giá trị tiết kiệm không được âm."),
            ),
            models.CheckConstraint(
                condition=percent_ok("energy_saving_percent")
                & percent_ok("material_saving_percent")
                & percent_ok("water_saving_percent"),
                name="facilities_measure_percent_range",
                violation_error_message=_("Tỷ lệ phải từ 0 đến 100%%."),
            ),
            models.CheckConstraint(
                condition=Q(publication_approved=False) | Q(publication_agreed=True),
                name="facilities_measure_approved_needs_agreement",
                violation_error_message=_("Chỉ duyệt công bố khi cơ sở đã đồng ý."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["publication_approved", "publication_agreed", "category"],
                name="measure_public_category",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("facilities:facility_detail", args=[self.facility_id])

    @property
    def payback_years(self) -> Decimal | None:
        """Simple payback: investment / yearly saving, in years; none without a saving."""
        if not self.yearly_saving_vnd:
            return None
        return (Decimal(self.investment_vnd) / Decimal(self.yearly_saving_vnd)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def is_public(self) -> bool:
        return self.publication_agreed and self.publication_approved
