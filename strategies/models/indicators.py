from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from strategies.validators import validate_target_values


class IndicatorManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Indicator(models.Model):
    """What a target measures, and how the portal obtains its actual value."""

    class Unit(models.TextChoices):
        PERCENT = "percent", _("Tỷ lệ (%)")
        COUNT = "count", _("Số lượng")
        VND = "vnd", _("Đồng (VND)")
        BOOLEAN = "boolean", _("Có/không (mốc)")

    class Source(models.TextChoices):
        COMPUTED = "computed", _("Tính từ cơ sở dữ liệu cơ sở sản xuất")
        REPORTED = "reported", _("Do đơn vị báo cáo")
        MILESTONE = "milestone", _("Mốc hoàn thành")

    code = models.SlugField(_("mã chỉ tiêu"), max_length=60, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=300, blank=True)
    measure_unit = models.CharField(_("đơn vị tính"), max_length=10, choices=Unit.choices)
    source = models.CharField(_("cách xác định"), max_length=10, choices=Source.choices)
    description = models.TextField(_("ghi chú"), blank=True)
    # A share (percent) is counted as numerator over denominator, both spelled out so that
    # every province counts the same thing.
    numerator = models.CharField(_("tử số (với chỉ tiêu tỷ lệ)"), max_length=300, blank=True)
    denominator = models.CharField(_("mẫu số (với chỉ tiêu tỷ lệ)"), max_length=300, blank=True)
    history = HistoricalRecords()

    objects = IndicatorManager()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("danh mục chỉ tiêu")
        ordering = ["code"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


def _number(value: Decimal, *, grouping: bool = False) -> str:
    # normalize() drops trailing zeros (8.00 → 8); number_format gives the Vietnamese comma.
    return number_format(value.normalize(), force_grouping=grouping)


class Target(models.Model):
    """A value (50%) or range (8–13%) an indicator should reach by a year.

    A national target belongs to a phase of a strategy; a provincial one to an action plan
    and may name the national target it localises.
    """

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="targets"
    )
    phase = models.ForeignKey(
        "strategies.Phase",
        verbose_name=_("giai đoạn (chiến lược quốc gia)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="targets",
    )
    plan = models.ForeignKey(
        "strategies.ActionPlan",
        verbose_name=_("kế hoạch hành động"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="targets",
    )
    year = models.PositiveSmallIntegerField(_("đến năm"))
    value_min = models.DecimalField(
        _("giá trị (tối thiểu)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Để trống với chỉ tiêu dạng mốc (có/không)."),
    )
    value_max = models.DecimalField(
        _("giá trị tối đa"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Chỉ nhập khi chỉ tiêu là một khoảng, ví dụ 8–13%."),
    )
    localises = models.ForeignKey(
        "self",
        verbose_name=_("cụ thể hóa mục tiêu quốc gia"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="localisations",
        limit_choices_to={"phase__isnull": False},
    )
    # The baseline the document itself gives ("from 20% in 2016"), if any: the only start a
    # trajectory (on track / at risk before the target year) is drawn from. Never assumed.
    baseline_year = models.PositiveSmallIntegerField(_("năm gốc"), null=True, blank=True)
    baseline_value = models.DecimalField(
        _("giá trị năm gốc"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Chỉ nhập khi văn bản nêu giá trị năm gốc; để trống nếu không có."),
    )
    text = models.TextField(_("nguyên văn"), blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục tiêu")
        verbose_name_plural = _("mục tiêu")
        ordering = ["year", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(phase__isnull=False, plan__isnull=True)
                | Q(phase__isnull=True, plan__isnull=False),
                name="strategies_target_national_or_plan",
                violation_error_message=_(
                    "Mục tiêu phải thuộc một giai đoạn của chiến lược quốc gia hoặc một kế hoạch "
                    "hành động, không thể cả hai."
                ),
            ),
            models.CheckConstraint(
                condition=Q(value_min__isnull=True, value_max__isnull=True)
                | Q(
                    value_min__isnull=False, value_max__isnull=False, value_min__lte=F("value_max")
                ),
                name="strategies_target_range_ordered",
                violation_error_message=_(
                    "Khoảng chỉ tiêu không hợp lệ: giá trị tối thiểu phải nhỏ hơn hoặc bằng "
                    "giá trị tối đa."
                ),
            ),
            models.CheckConstraint(
                condition=Q(value_min__isnull=True) | Q(value_min__gte=0),
                name="strategies_target_not_negative",
                violation_error_message=_("Giá trị chỉ tiêu không được âm."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="strategies_target_year_plausible",
                violation_error_message=_("Năm của mục tiêu phải từ 2000 đến 2100."),
            ),
            models.CheckConstraint(
                condition=Q(baseline_year__isnull=True, baseline_value__isnull=True)
                | Q(
                    baseline_year__isnull=False,
                    baseline_value__isnull=False,
                    baseline_value__gte=0,
                    baseline_year__lt=F("year"),
                ),
                name="strategies_target_baseline_complete",
                violation_error_message=_(
                    "Năm gốc và giá trị năm gốc phải cùng được nhập (giá trị không âm, năm gốc "
                    "trước năm mục tiêu) hoặc cùng để trống."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value_label} ({self.year})"

    def clean(self):
        if self.value_max is None and self.value_min is not None:
            self.value_max = self.value_min
        if self.localises_id is not None and not self.localises.is_national:
            raise ValidationError(
                {"localises": _("Chỉ có thể cụ thể hóa một mục tiêu của chiến lược quốc gia.")}
            )
        if self.indicator_id is not None:
            validate_target_values(
                measure_unit=self.indicator.measure_unit,
                value_min=self.value_min,
                value_max=self.value_max,
            )

    @property
    def is_national(self) -> bool:
        return self.phase_id is not None

    @property
    def is_range(self) -> bool:
        return self.value_min is not None and self.value_max not in (None, self.value_min)

    @property
    def value_label(self) -> str:
        """50%, 8–13%, 6, 1.000.000 đồng, or Có for a milestone."""
        unit = self.indicator.measure_unit
        if unit == Indicator.Unit.BOOLEAN:
            return str(_("Có"))
        if self.value_min is None:
            return "—"
        grouping = unit == Indicator.Unit.VND
        text = _number(self.value_min, grouping=grouping)
        if self.is_range:
            text = f"{text}–{_number(self.value_max, grouping=grouping)}"
        if unit == Indicator.Unit.PERCENT:
            return f"{text}%"
        if unit == Indicator.Unit.VND:
            return f"{text} {_('đồng')}"
        return text
