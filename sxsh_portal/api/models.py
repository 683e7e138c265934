"""Personal API tokens and the log of what was written with them.

Only a hash of a token is kept: the portal shows the key once, when it is created, and a
stolen database gives nobody a usable key.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("tên khoá"), max_length=100)
    # The first characters of the key, shown in the list so a user can tell keys apart.
    prefix = models.CharField(_("tiền tố"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    class Meta:
        verbose_name = _("khoá API")
        verbose_name_plural = _("khoá API")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="api_token_expires_after_creation",
                violation_error_message=_("Ngày hết hạn phải sau ngày tạo."),
            ),
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=Q(revoked_at__isnull=True),
                name="api_token_name_unique_while_active",
                violation_error_message=_("Bạn đã có một khoá đang dùng với tên này."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now


class ApiWrite(models.Model):
    """One write made through the API: who, with which token, what, and the answer."""

    token = models.ForeignKey(
        ApiToken, verbose_name=_("khoá API"), on_delete=models.PROTECT, related_name="writes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now)
    method = models.CharField(_("phương thức"), max_length=10)
    path = models.CharField(_("địa chỉ"), max_length=300)
    status_code = models.PositiveSmallIntegerField(_("mã trả lời"))
    # The client's Idempotency-Key: a repeated POST with the same key gets the first answer.
    idempotency_key = models.CharField(max_length=100, blank=True)
    response = models.JSONField(_("trả lời"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt ghi qua API")
        verbose_name_plural = _("lượt ghi qua API")
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["token", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="api_write_idempotency_key_once",
            )
        ]

    def __str__(self):
        return f"{self.method} {self.path} → {self.status_code}"
