from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReminderStep(models.Model):
    """One step of the reminder schedule: N days before the due date (negative: after it).

    The schedule is data (14, 7 and 1 days before, 1 day after) so the DOIT's administrator
    can change it without a release.
    """

    days_before = models.SmallIntegerField(
        _("số ngày trước hạn"),
        unique=True,
        help_text=_("Số âm: số ngày sau hạn (thông báo quá hạn)."),
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("mốc nhắc hạn")
        verbose_name_plural = _("lịch nhắc hạn báo cáo")
        ordering = ["-days_before"]

    def __str__(self):
        if self.days_before < 0:
            return _("Quá hạn %(days)s ngày") % {"days": -self.days_before}
        return _("Trước hạn %(days)s ngày") % {"days": self.days_before}


class ReminderSent(models.Model):
    """A reminder already sent: one per report and step, so a second run sends nothing."""

    report = models.ForeignKey(
        "reporting.UnitReport",
        verbose_name=_("báo cáo"),
        on_delete=models.CASCADE,
        related_name="reminders_sent",
    )
    days_before = models.SmallIntegerField(_("mốc (số ngày trước hạn)"))
    sent_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)
    recipients = models.TextField(_("người nhận"), blank=True)

    class Meta:
        verbose_name = _("nhắc hạn đã gửi")
        verbose_name_plural = _("nhắc hạn đã gửi")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "days_before"], name="reporting_reminder_once_per_step"
            )
        ]

    def __str__(self):
        return f"{self.report} — {self.days_before}"
