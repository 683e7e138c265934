import calendar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sxsh_portal.territory.models import AdministrativeUnit, Agency


class ActionPlan(models.Model):
    """A province's action plan (or a DOIT's action programme) implementing a strategy.

    The province is the unit as it was when the plan was issued (one of the 63); it stays
    empty when the source document does not say which province issued the plan.
    """

    class Kind(models.TextChoices):
        PLAN = "plan", _("Kế hoạch hành động")
        PROGRAMME = "programme", _("Chương trình hành động")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")
        AMENDING = "amending", _("Đang soạn điều chỉnh")

    kind = models.CharField(_("loại văn bản"), max_length=10, choices=Kind.choices)
    # Plans loaded from source documents are issued documents; the portal's authoring
    # services create drafts explicitly.
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.ISSUED
    )
    title = models.CharField(_("tên kế hoạch"), max_length=400)
    province = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("tỉnh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plans",
        limit_choices_to={"level": AdministrativeUnit.Level.PROVINCE},
        help_text=_("Để trống khi văn bản nguồn không nêu tỉnh ban hành."),
    )
    issuer_name = models.CharField(_("cơ quan ban hành (theo văn bản)"), max_length=200)
    issuer = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_plans",
    )
    decision_number = models.CharField(
        _("số quyết định"), max_length=60, blank=True, help_text=_("Để trống nếu chưa rõ.")
    )
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=200, blank=True)
    signed_file = models.FileField(
        _("văn bản đã ký (PDF)"), upload_to="ke-hoach/%Y/", blank=True, max_length=200
    )
    period_start = models.PositiveSmallIntegerField(_("từ năm"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    strategy = models.ForeignKey(
        "strategies.Strategy",
        verbose_name=_("thực hiện chiến lược"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
    )
    # A province's plan may implement more than one national programme at once.
    other_strategies = models.ManyToManyField(
        "strategies.Strategy",
        verbose_name=_("cũng thực hiện chương trình"),
        blank=True,
        related_name="co_implementing_plans",
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("kế hoạch giai đoạn trước"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
    )
    overall_goal = models.TextField(_("mục tiêu tổng quát"), blank=True)
    background = models.TextField(_("sự cần thiết, đánh giá giai đoạn trước"), blank=True)
    viewpoints = models.TextField(_("quan điểm"), blank=True)
    received_number = models.CharField(_("số đến tại Bộ Công Thương"), max_length=30, blank=True)
    received_on = models.DateField(_("ngày đến tại Bộ Công Thương"), null=True, blank=True)
    source_note = models.TextField(_("ghi chú nguồn"), blank=True)
    history = HistoricalRecords(m2m_fields=[other_strategies])

    class Meta:
        verbose_name = _("kế hoạch hành động")
        verbose_name_plural = _("kế hoạch hành động")
        ordering = ["province__name", "period_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_start__lte=F("period_end")),
                name="strategies_plan_period_ordered",
                violation_error_message=_("Năm bắt đầu phải trước hoặc bằng năm kết thúc."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.period_label})"

    def get_absolute_url(self):
        return reverse("strategies:plan_detail", kwargs={"pk": self.pk})

    def clean(self):
        # Walk back the chain: a plan may not (indirectly) succeed itself.
        seen = {self.pk}
        ancestor = self.predecessor
        while ancestor is not None:
            if ancestor.pk in seen:
                raise ValidationError(
                    {"predecessor": _("Chuỗi kế hoạch không được vòng lại chính kế hoạch này.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.predecessor

    @property
    def period_label(self) -> str:
        start = self.period_start or "…"
        end = self.period_end or "…"
        return f"{start}–{end}"

    @property
    def province_label(self) -> str:
        return self.province.name if self.province else str(_("Chưa rõ tỉnh"))


class ReviewFigure(models.Model):
    """A result the plan reports for the period before it (2 workshops, ~150 enterprises)."""

    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("kế hoạch"),
        on_delete=models.CASCADE,
        related_name="review_figures",
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    indicator = models.ForeignKey(
        "strategies.Indicator",
        verbose_name=_("chỉ tiêu"),
        on_delete=models.PROTECT,
        related_name="review_figures",
    )
    value = models.DecimalField(_("giá trị"), max_digits=18, decimal_places=2)
    is_approximate = models.BooleanField(_("số gần đúng"), default=False)
    year_from = models.PositiveSmallIntegerField(_("từ năm"))
    year_to = models.PositiveSmallIntegerField(_("đến năm"))
    text = models.TextField(_("nguyên văn"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết quả giai đoạn trước")
        verbose_name_plural = _("kết quả giai đoạn trước")
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_from__lte=F("year_to")),
                name="strategies_review_years_ordered",
                violation_error_message=_("Năm bắt đầu phải trước hoặc bằng năm kết thúc."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="strategies_review_not_negative",
                violation_error_message=_("Kết quả không được âm."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value_label}"

    @property
    def value_label(self) -> str:
        number = f"{self.value.normalize():f}"
        return f"~{number}" if self.is_approximate else number


class FundingSource(models.Model):
    class Kind(models.TextChoices):
        CENTRAL_BUDGET = "central_budget", _("Ngân sách Trung ương")
        PROVINCIAL_BUDGET = "provincial_budget", _("Ngân sách tỉnh")
        ENTERPRISE = "enterprise", _("Vốn doanh nghiệp")
        AID_AND_OTHER = "aid_and_other", _("Viện trợ, tài trợ và nguồn hợp pháp khác")

    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("kế hoạch"),
        on_delete=models.CASCADE,
        related_name="funding_sources",
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("nguồn"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("nội dung"), blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    amount = models.DecimalField(
        _("số tiền (đồng)"), max_digits=18, decimal_places=0, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nguồn kinh phí")
        verbose_name_plural = _("nguồn kinh phí")
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="strategies_funding_amount_not_negative",
                violation_error_message=_("Số tiền không được âm."),
            ),
        ]

    def __str__(self):
        return self.get_kind_display()


class AgencyAssignment(models.Model):
    """One numbered item of "Tổ chức thực hiện": who, in which role, with which duties.

    The assignee is kept as written ("Đài Phát thanh và Truyền hình tỉnh, Báo Thanh Hóa");
    `agencies` links the named agencies, and `covers_kind` stands for a whole class of
    agencies named collectively ("Ủy ban nhân dân các huyện, thành phố, thị xã").
    """

    class Role(models.TextChoices):
        LEAD = "lead", _("Chủ trì")
        COORDINATING = "coordinating", _("Phối hợp")
        IMPLEMENTING = "implementing", _("Thực hiện")

    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("kế hoạch"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    assignee = models.CharField(_("cơ quan, đơn vị (theo văn bản)"), max_length=300)
    agencies = models.ManyToManyField(
        Agency, verbose_name=_("cơ quan"), blank=True, related_name="plan_assignments"
    )
    covers_kind = models.CharField(
        _("áp dụng cho mọi cơ quan loại"), max_length=30, choices=Agency.Kind.choices, blank=True
    )
    role = models.CharField(_("vai trò"), max_length=15, choices=Role.choices)
    duties = models.TextField(_("nhiệm vụ được giao"))
    history = HistoricalRecords(m2m_fields=[agencies])

    class Meta:
        verbose_name = _("phân công thực hiện")
        verbose_name_plural = _("phân công thực hiện")
        ordering = ["plan", "position", "pk"]

    def __str__(self):
        return f"{self.position}. {self.assignee}"


class ReportingRule(models.Model):
    """Who reports to whom, and by which day of the year (15/12 in Thanh Hóa).

    The reporting units are the agencies listed in `reporting_units` plus, when
    `reporting_unit_kind` is set, every agency of that kind in the plan's province, so that a
    rule written for "UBND các huyện, thành phố, thị xã" follows the districts as recorded.
    """

    plan = models.OneToOneField(
        ActionPlan,
        verbose_name=_("kế hoạch"),
        on_delete=models.CASCADE,
        related_name="reporting_rule",
    )
    text = models.TextField(_("nguyên văn"), blank=True)
    reporting_units = models.ManyToManyField(
        Agency, verbose_name=_("đơn vị báo cáo"), blank=True, related_name="reporting_rules"
    )
    reporting_unit_kind = models.CharField(
        _("mọi cơ quan loại này trong tỉnh báo cáo"),
        max_length=30,
        choices=Agency.Kind.choices,
        blank=True,
    )
    recipient = models.ForeignKey(
        Agency,
        verbose_name=_("nơi nhận báo cáo"),
        on_delete=models.PROTECT,
        related_name="received_reporting_rules",
    )
    forwarded_to = models.ManyToManyField(
        Agency,
        verbose_name=_("nơi nhận báo cáo tổng hợp"),
        blank=True,
        related_name="consolidated_reporting_rules",
    )
    deadline_day = models.PositiveSmallIntegerField(_("hạn báo cáo: ngày"))
    deadline_month = models.PositiveSmallIntegerField(_("hạn báo cáo: tháng"))
    history = HistoricalRecords(m2m_fields=[reporting_units, forwarded_to])

    class Meta:
        verbose_name = _("quy định báo cáo")
        verbose_name_plural = _("quy định báo cáo")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline_day__gte=1, deadline_day__lte=31)
                & Q(deadline_month__gte=1, deadline_month__lte=12),
                name="strategies_reporting_deadline_in_calendar",
                violation_error_message=_(
                    "Hạn báo cáo phải là một ngày (1–31) của một tháng (1–12)."
                ),
            ),
        ]

    def __str__(self):
        return _("Báo cáo về %(recipient)s trước ngày %(deadline)s") % {
            "recipient": self.recipient,
            "deadline": self.deadline_label,
        }

    def clean(self):
        if self.deadline_month and self.deadline_day:
            # A leap year, so that 29/02 is accepted as a yearly deadline.
            if not 1 <= self.deadline_month <= 12:
                raise ValidationError({"deadline_month": _("Tháng phải từ 1 đến 12.")})
            last_day = calendar.monthrange(2024, self.deadline_month)[1]
            if not 1 <= self.deadline_day <= last_day:
                raise ValidationError(
                    {
                        "deadline_day": _("Tháng %(month)s không có ngày %(day)s.")
                        % {"month": self.deadline_month, "day": self.deadline_day}
                    }
                )

    @property
    def deadline_label(self) -> str:
        return f"{self.deadline_day:02d}/{self.deadline_month:02d}"
