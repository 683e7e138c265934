from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """A portal user. What they may see comes from their role assignments, never from flags."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    # Password hashes and login times stay out of the audit trail.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta(AbstractUser.Meta):
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self):
        return self.full_name or self.username


class RoleAssignment(models.Model):
    """One role held by a user in one agency. A user may hold several.

    A facility representative's facility is linked in the facilities app (it sits above
    this one); here the role only says that the user speaks for a facility.
    """

    class Role(models.TextChoices):
        MINISTRY = "ministry", _("Bộ Công Thương")
        PROVINCE = "province", _("Sở Công Thương (cấp tỉnh)")
        UNIT = "unit", _("Đơn vị báo cáo")
        FACILITY = "facility", _("Đại diện cơ sở sản xuất")

    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="assignments"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        "territory.Agency",
        verbose_name=_("cơ quan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        help_text=_("Sở Công Thương với vai trò tỉnh; cơ quan báo cáo với vai trò đơn vị."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "agency"], name="accounts_assignment_unique"
            ),
            models.CheckConstraint(
                condition=Q(role="facility") | Q(agency__isnull=False),
                name="accounts_assignment_agency_required",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}" + (
            f" — {self.agency}" if self.agency else ""
        )
