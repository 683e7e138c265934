"""The form tokens already used, and the answer each one got."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FormSubmission(models.Model):
    """One submission of a form, keyed by the token rendered into the form: a second POST
    with the same token (a double click, a resent request) gets the first one's answer."""

    key = models.CharField(_("khóa"), max_length=100, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # Empty while the first submission is being processed.
    result_url = models.CharField(_("kết quả"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("lần gửi biểu mẫu")
        verbose_name_plural = _("lần gửi biểu mẫu")

    def __str__(self):
        return self.key
