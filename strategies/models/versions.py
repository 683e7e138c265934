from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PlanVersion(models.Model):
    """One issued text of an action plan: the first issue, then each amendment.

    The snapshot is the whole plan as it stood when this version took effect (JSON made by
    strategies.authoring.snapshot), so every earlier version reads as it was issued even
    after later amendments rewrote the plan's rows.
    """

    class Kind(models.TextChoices):
        ISSUE = "issue", _("Ban hành")
        AMENDMENT = "amendment", _("Điều chỉnh, bổ sung")

    plan = models.ForeignKey(
        "strategies.ActionPlan",
        verbose_name=_("kế hoạch"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveSmallIntegerField(_("lần"))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decided_on = models.DateField(_("ngày quyết định"))
    changes = models.TextField(_("nội dung điều chỉnh"), blank=True)
    snapshot = models.JSONField(_("nội dung kế hoạch"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm ghi nhận"), auto_now_add=True)

    class Meta:
        verbose_name = _("phiên bản kế hoạch")
        verbose_name_plural = _("phiên bản kế hoạch")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="strategies_planversion_unique_number",
                violation_error_message=_("Kế hoạch đã có phiên bản số này."),
            ),
            models.CheckConstraint(
                condition=Q(kind="issue", number=1) | Q(kind="amendment", number__gt=1),
                name="strategies_planversion_issue_first",
                violation_error_message=_("Lần đầu là ban hành, các lần sau là điều chỉnh."),
            ),
        ]

    def __str__(self):
        return f"{self.plan} — {self.get_kind_display()} {self.decision_number}"

    def get_absolute_url(self):
        return reverse(
            "strategies:plan_version", kwargs={"pk": self.plan_id, "number": self.number}
        )
