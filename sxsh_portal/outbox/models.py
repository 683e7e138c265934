"""Tasks written to the database in the transaction that asks for them (a transactional
outbox): sent to the broker once the transaction commits, or later by the sweeper when the
broker was down. A task is never lost with the request that queued it, nor sent for work
whose transaction rolled back."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    task_name = models.CharField(_("tác vụ"), max_length=200)
    args = models.JSONField(_("tham số"), default=list, blank=True)
    kwargs = models.JSONField(_("tham số có tên"), default=dict, blank=True)
    # Work that must run once however often it is asked for (one document's render) shares a
    # key: while a message of that key waits, asking again adds nothing.
    key = models.CharField(_("khóa"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("số lần gửi không thành"), default=0)
    last_attempt_at = models.DateTimeField(_("lần gửi gần nhất"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    sent_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tác vụ chờ gửi")
        verbose_name_plural = _("tác vụ chờ gửi")
        ordering = ["pk"]
        indexes = [models.Index(fields=["sent_at", "created_at"], name="outbox_unsent")]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(sent_at__isnull=True) & ~Q(key=""),
                name="outbox_one_unsent_per_key",
            )
        ]

    def __str__(self):
        return f"{self.task_name}{tuple(self.args)}"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None
