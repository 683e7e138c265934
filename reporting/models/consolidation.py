from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ConsolidatedReport(models.Model):
    """The DOIT's provincial report of a year, sent to the Ministry.

    While a draft it is recomputed on every view; on submission the figures are frozen in
    `snapshot`, so what the Ministry reads is what the DOIT sent.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Đang tổng hợp")
        SUBMITTED = "submitted", _("Đã gửi Bộ Công Thương")

    reporting_year = models.OneToOneField(
        "reporting.ReportingYear",
        verbose_name=_("năm báo cáo"),
        on_delete=models.CASCADE,
        related_name="consolidated_report",
    )
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    snapshot = models.JSONField(
        _("số liệu đã gửi"), default=dict, blank=True, encoder=DjangoJSONEncoder
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo tổng hợp của tỉnh")
        verbose_name_plural = _("báo cáo tổng hợp của tỉnh")
        ordering = ["-reporting_year__year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="draft") | Q(submitted_at__isnull=False),
                name="reporting_consolidated_submitted_has_date",
            ),
        ]

    def __str__(self):
        return _("Báo cáo tổng hợp năm %(year)s — %(province)s") % {
            "year": self.reporting_year.year,
            "province": self.reporting_year.plan.province_label,
        }

    def get_absolute_url(self):
        return reverse("reporting:consolidated_detail", kwargs={"pk": self.reporting_year_id})

    @property
    def is_submitted(self) -> bool:
        return self.state == self.State.SUBMITTED


class SentIndicator(models.Model):
    """One indicator row of a sent consolidated report, copied out of its frozen snapshot
    when the DOIT sends it.

    The national dashboards and trends read one indicator across every province and year
    (a thousand reports at national size); decoding each whole snapshot for that took
    seconds. A sent report never changes, so the copy is written once, with the snapshot.
    """

    report = models.ForeignKey(
        ConsolidatedReport,
        verbose_name=_("báo cáo tổng hợp"),
        on_delete=models.CASCADE,
        related_name="sent_indicators",
    )
    reporting_year = models.ForeignKey(
        "reporting.ReportingYear",
        verbose_name=_("năm báo cáo"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    code = models.SlugField(_("mã chỉ tiêu"), max_length=60)
    row = models.JSONField(_("số liệu đã gửi"), encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("chỉ tiêu đã gửi")
        verbose_name_plural = _("chỉ tiêu đã gửi")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "reporting_year"], name="reporting_sent_indicator_once"
            ),
        ]

    def __str__(self):
        return f"{self.code} ({self.reporting_year_id})"
