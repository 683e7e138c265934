"""The yearly cycle: a reporting year of a plan, one report per reporting unit, and what a
report holds (figures, activities, task progress, attachments) with its audit trail."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from strategies.models import FundingSource

from ..figures import REPORT_VALUE_LIMIT, Figure


class ReportingYear(models.Model):
    """The DOIT opens a year of a plan; every reporting unit then owes one report."""

    plan = models.ForeignKey(
        "strategies.ActionPlan",
        verbose_name=_("kế hoạch"),
        on_delete=models.PROTECT,
        related_name="reporting_years",
    )
    year = models.PositiveSmallIntegerField(_("năm báo cáo"))
    opened_at = models.DateTimeField(_("mở lúc"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người mở"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept per year so that changing it later does not rewrite past consolidations.
    discrepancy_tolerance_percent = models.DecimalField(
        _("ngưỡng chênh lệch so với cơ sở dữ liệu (%)"),
        max_digits=5,
        decimal_places=2,
        default=10,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("năm báo cáo")
        verbose_name_plural = _("năm báo cáo")
        ordering = ["plan", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year"],
                name="reporting_year_one_per_plan",
                violation_error_message=_("Năm báo cáo này của kế hoạch đã được mở."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="reporting_year_plausible",
                violation_error_message=_("Năm báo cáo phải từ 2000 đến 2100."),
            ),
            models.CheckConstraint(
                condition=Q(discrepancy_tolerance_percent__gte=0),
                name="reporting_year_tolerance_not_negative",
                violation_error_message=_("Ngưỡng chênh lệch không được âm."),
            ),
        ]

    def __str__(self):
        return _("Năm %(year)s — %(plan)s") % {"year": self.year, "plan": self.plan.title}

    def get_absolute_url(self):
        return reverse("reporting:year_detail", kwargs={"pk": self.pk})


class UnitReport(models.Model):
    """One reporting unit's annual report: draft → submitted → returned/accepted."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã gửi")
        RETURNED = "returned", _("Bị trả lại")
        ACCEPTED = "accepted", _("Đã chấp nhận")

    # Counted in the consolidation: sent and not handed back.
    RECEIVED_STATES = (State.SUBMITTED, State.ACCEPTED)
    # A report the year opened and nobody saved since: every save bumps the version.
    UNSAVED_VERSION = 1

    reporting_year = models.ForeignKey(
        ReportingYear,
        verbose_name=_("năm báo cáo"),
        on_delete=models.CASCADE,
        related_name="unit_reports",
    )
    agency = models.ForeignKey(
        "territory.Agency",
        verbose_name=_("đơn vị báo cáo"),
        on_delete=models.PROTECT,
        related_name="unit_reports",
    )
    due_date = models.DateField(_("hạn gửi"))
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    # Optimistic locking: every write bumps it; a form carrying an older one is refused.
    version = models.PositiveIntegerField(_("phiên bản"), default=UNSAVED_VERSION)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    # Timeliness counts from the first submission: a report returned and sent again after
    # the deadline was still received on time.
    first_submitted_at = models.DateTimeField(_("gửi lần đầu lúc"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("chấp nhận lúc"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chấp nhận"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    returned_reason = models.TextField(_("lý do trả lại"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cập nhật"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        ordering = ["reporting_year", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporting_year", "agency"],
                name="reporting_unit_report_one_per_unit",
                violation_error_message=_("Đơn vị đã có báo cáo của năm này."),
            ),
            models.CheckConstraint(
                condition=~Q(state="returned") | ~Q(returned_reason=""),
                name="reporting_unit_report_returned_has_reason",
                violation_error_message=_("Phải ghi lý do trả lại báo cáo."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "returned"]) | Q(submitted_at__isnull=False),
                name="reporting_unit_report_submitted_has_date",
                violation_error_message=_("Báo cáo đã gửi phải có thời điểm gửi."),
            ),
        ]

    def __str__(self):
        return _("Báo cáo năm %(year)s của %(agency)s") % {
            "year": self.reporting_year.year,
            "agency": self.agency,
        }

    def get_absolute_url(self):
        return reverse("reporting:report_detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)

    @property
    def is_received(self) -> bool:
        return self.state in self.RECEIVED_STATES

    def days_late(self, today: datetime.date | None = None) -> int:
        """Days after the due date: of the first submission, or, unsent, as of today."""
        if self.first_submitted_at is not None:
            day = timezone.localdate(self.first_submitted_at)
        else:
            day = today or timezone.localdate()
        return max((day - self.due_date).days, 0)

    @property
    def submitted_late(self) -> bool:
        return self.first_submitted_at is not None and self.days_late() > 0


REPORT_VALUE_MAX = REPORT_VALUE_LIMIT


class UnitReportValue(models.Model):
    """One figure of a report: what the unit reports and what the registry computes.

    The bounds are the column's own (18 digits, 2 decimals) and hold in the database too:
    a value beyond them (1e23, 1e309) made every page reading the report fail for good.
    """

    MAX_DIGITS = 18
    DECIMAL_PLACES = 2
    MAX_VALUE = REPORT_VALUE_MAX
    VALUE_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(MAX_VALUE)]

    report = models.ForeignKey(
        UnitReport, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="values"
    )
    figure = models.CharField(_("số liệu"), max_length=30, choices=Figure.choices)
    reported_value = models.DecimalField(
        _("giá trị báo cáo"),
        max_digits=MAX_DIGITS,
        decimal_places=DECIMAL_PLACES,
        null=True,
        blank=True,
        validators=VALUE_VALIDATORS,
    )
    computed_value = models.DecimalField(
        _("giá trị tính từ cơ sở dữ liệu"),
        max_digits=MAX_DIGITS,
        decimal_places=DECIMAL_PLACES,
        null=True,
        blank=True,
        validators=VALUE_VALIDATORS,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số liệu báo cáo")
        verbose_name_plural = _("số liệu báo cáo")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "figure"], name="reporting_value_one_per_figure"
            ),
            models.CheckConstraint(
                condition=Q(reported_value__isnull=True) | Q(reported_value__gte=0),
                name="reporting_value_not_negative",
                violation_error_message=_("Giá trị báo cáo không được âm."),
            ),
            models.CheckConstraint(
                condition=Q(reported_value__isnull=True) | Q(reported_value__lte=REPORT_VALUE_MAX),
                name="reporting_value_within_column",
                violation_error_message=_("Giá trị báo cáo quá lớn."),
            ),
            models.CheckConstraint(
                condition=Q(computed_value__isnull=True)
                | Q(computed_value__gte=0, computed_value__lte=REPORT_VALUE_MAX),
                name="reporting_computed_value_within_column",
            ),
            models.CheckConstraint(
                condition=~Q(figure="saving_percent")
                | Q(reported_value__isnull=True)
                | Q(reported_value__lte=100),
                name="reporting_value_percent_at_most_100",
                violation_error_message=_("Tỷ lệ phải từ 0 đến 100%."),
            ),
        ]

    def __str__(self):
        return self.get_figure_display()

    @property
    def value(self):
        """The figure the consolidation uses: reported if given, else the computed one."""
        return self.reported_value if self.reported_value is not None else self.computed_value


class Activity(models.Model):
    """A capacity-building activity: a workshop, a training or a communication campaign."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Hội thảo")
        TRAINING = "training", _("Đào tạo, tập huấn")
        COMMUNICATION = "communication", _("Tuyên truyền")

    report = models.ForeignKey(
        UnitReport, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(_("loại hoạt động"), max_length=15, choices=Kind.choices)
    date = models.DateField(_("ngày"))
    title = models.CharField(_("tên hoạt động"), max_length=300)
    participants = models.PositiveIntegerField(_("số người tham dự"), default=0)
    enterprises_reached = models.PositiveIntegerField(_("số doanh nghiệp tham gia"), default=0)
    cost_vnd = models.PositiveBigIntegerField(_("kinh phí (đồng)"), default=0)
    funding_source = models.CharField(
        _("nguồn kinh phí"), max_length=20, choices=FundingSource.Kind.choices
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động nâng cao năng lực")
        ordering = ["report", "date", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class TaskProgress(models.Model):
    """Progress on one duty the plan assigns to the unit (an assignment or a led task)."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Chưa triển khai")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Đã hoàn thành")

    report = models.ForeignKey(
        UnitReport, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="progress"
    )
    assignment = models.ForeignKey(
        "strategies.AgencyAssignment",
        verbose_name=_("nhiệm vụ được phân công"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    task = models.ForeignKey(
        "strategies.Task",
        verbose_name=_("nhiệm vụ chủ trì"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("tình hình"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    done_text = models.TextField(_("kết quả thực hiện"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiến độ nhiệm vụ")
        verbose_name_plural = _("tiến độ nhiệm vụ")
        ordering = ["report", "assignment__position", "task__position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(assignment__isnull=False, task__isnull=True)
                | Q(assignment__isnull=True, task__isnull=False),
                name="reporting_progress_one_duty",
            ),
            models.UniqueConstraint(
                fields=["report", "assignment"], name="reporting_progress_one_per_assignment"
            ),
            models.UniqueConstraint(
                fields=["report", "task"], name="reporting_progress_one_per_task"
            ),
        ]

    def __str__(self):
        return str(self.duty_label)

    @property
    def duty_label(self) -> str:
        if self.assignment_id:
            return self.assignment.duties
        return self.task.text


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"reporting/{instance.report.reporting_year.year}/{instance.report_id}/{filename}"


class Attachment(models.Model):
    report = models.ForeignKey(
        UnitReport, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("tên tài liệu"), max_length=200)
    file = models.FileField(_("tệp"), upload_to=attachment_path)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tài liệu đính kèm")
        verbose_name_plural = _("tài liệu đính kèm")
        ordering = ["report", "uploaded_at", "pk"]

    def __str__(self):
        return self.title


class ReportTransition(models.Model):
    """The audit trail of a report's states: who moved it, when, and why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Gửi báo cáo")
        RETURN = "return", _("Trả lại")
        ACCEPT = "accept", _("Chấp nhận")
        REOPEN = "reopen", _("Mở lại để sửa")

    report = models.ForeignKey(
        UnitReport, verbose_name=_("báo cáo"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("thao tác"), max_length=10, choices=Action.choices)
    from_state = models.CharField(
        _("từ trạng thái"), max_length=10, choices=UnitReport.State.choices, blank=True
    )
    to_state = models.CharField(
        _("sang trạng thái"), max_length=10, choices=UnitReport.State.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now)
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("lịch sử trạng thái")
        verbose_name_plural = _("lịch sử trạng thái")
        ordering = ["report", "at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.get_from_state_display()} → " + str(
            self.get_to_state_display()
        )
