from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import messages


class Notification(models.Model):
    """One thing that happened, told to one user. The text is rendered from `kind` and
    `params` in the reader's language; the e-mail always goes out in Vietnamese."""

    Kind = messages.Kind

    class EmailState(models.TextChoices):
        NONE = "none", _("Không gửi thư")
        QUEUED = "queued", _("Đang chờ gửi")
        SENT = "sent", _("Đã gửi thư")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("loại"), max_length=30, choices=messages.Kind.choices)
    params = models.JSONField(_("nội dung"), default=dict, blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    batch = models.ForeignKey(
        "notifications.ReminderBatch",
        verbose_name=_("lượt nhắc"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    email_state = models.CharField(
        _("thư điện tử"), max_length=10, choices=EmailState.choices, default=EmailState.NONE
    )
    email_address = models.EmailField(_("địa chỉ nhận thư"), blank=True)
    email_sent_at = models.DateTimeField(_("gửi thư lúc"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("số lần gửi thư"), default=0)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email_state="sent") | Q(email_sent_at__isnull=False),
                name="notification_sent_has_date",
            ),
            models.CheckConstraint(
                condition=Q(email_state="none") | ~Q(email_address=""),
                name="notification_email_has_address",
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def subject(self) -> str:
        return messages.subject_of(self.kind, self.params)

    @property
    def body(self) -> str:
        return messages.body_of(self.kind, self.params)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """A user's choice about e-mails; without a row, e-mails are on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_enabled = models.BooleanField(_("nhận thông báo qua thư điện tử"), default=True)

    class Meta:
        verbose_name = _("cài đặt thông báo")
        verbose_name_plural = _("cài đặt thông báo")

    def __str__(self):
        return str(self.user)


class ReminderBatch(models.Model):
    """One "remind every unit that has not submitted" action, logged: who, when, how many.

    `key` names what was reminded about ("reporting_year:12"), so this package needs no
    foreign key into the apps above it."""

    key = models.CharField(_("nhắc về"), max_length=100)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhắc"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)
    units_count = models.PositiveIntegerField(_("số đơn vị được nhắc"), default=0)
    notifications_count = models.PositiveIntegerField(_("số thông báo"), default=0)

    class Meta:
        verbose_name = _("lượt nhắc")
        verbose_name_plural = _("lượt nhắc")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["key", "-created_at"], name="reminder_batch_key")]

    def __str__(self):
        return f"{self.key} — {self.created_at:%Y-%m-%d %H:%M}"
