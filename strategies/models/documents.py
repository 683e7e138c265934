from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Strategy(models.Model):
    """A national decision that sets cleaner-production targets: QĐ 1419/QĐ-TTg, QĐ 1393/QĐ-TTg."""

    number = models.CharField(_("số quyết định"), max_length=60, unique=True)
    title = models.CharField(_("tên chiến lược"), max_length=300)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    issued_on = models.DateField(_("ngày ban hành"))
    signer = models.CharField(_("người ký"), max_length=200, blank=True)
    period_start = models.PositiveSmallIntegerField(_("từ năm"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    overall_goal = models.TextField(_("mục tiêu tổng quát"), blank=True)
    source_note = models.TextField(_("ghi chú nguồn"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chiến lược")
        verbose_name_plural = _("chiến lược")
        ordering = ["issued_on", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_start__lte=F("period_end")),
                name="strategies_strategy_period_ordered",
                violation_error_message=_("Năm bắt đầu phải trước hoặc bằng năm kết thúc."),
            ),
        ]

    def __str__(self):
        return f"{self.number} — {self.title}"

    def get_absolute_url(self):
        return reverse("strategies:strategy_detail", kwargs={"pk": self.pk})


class Phase(models.Model):
    strategy = models.ForeignKey(
        Strategy, verbose_name=_("chiến lược"), on_delete=models.CASCADE, related_name="phases"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("tên giai đoạn"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giai đoạn")
        verbose_name_plural = _("giai đoạn")
        ordering = ["strategy", "position", "start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_year__lte=F("end_year")),
                name="strategies_phase_years_ordered",
                violation_error_message=_("Năm bắt đầu phải trước hoặc bằng năm kết thúc."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.start_year}–{self.end_year})"


class _OwnedByStrategyOrPlan(models.Model):
    """Tasks and solution groups belong to a national strategy or to a province's plan."""

    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("chiến lược"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
    )
    plan = models.ForeignKey(
        "strategies.ActionPlan",
        verbose_name=_("kế hoạch hành động"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
    )
    label = models.CharField(_("số, ký hiệu"), max_length=10, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        abstract = True


def _one_owner(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(strategy__isnull=False, plan__isnull=True)
        | Q(strategy__isnull=True, plan__isnull=False),
        name=name,
        violation_error_message=_("Phải thuộc đúng một chiến lược hoặc một kế hoạch hành động."),
    )


class Task(_OwnedByStrategyOrPlan):
    """A task (nhiệm vụ); sub-items (a), b), … or bullets) point to their parent task."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("thuộc nhiệm vụ"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="items",
    )
    text = models.TextField(_("nội dung"))
    lead_agency = models.ForeignKey(
        "territory.Agency",
        verbose_name=_("cơ quan chủ trì"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_tasks",
    )
    coordinating_agencies = models.ManyToManyField(
        "territory.Agency",
        verbose_name=_("cơ quan phối hợp"),
        blank=True,
        related_name="coordinated_tasks",
    )
    duties = models.TextField(_("nhiệm vụ của các cơ quan"), blank=True)
    history = HistoricalRecords(m2m_fields=[coordinating_agencies])

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["position", "pk"]
        constraints = [_one_owner("strategies_task_one_owner")]

    def __str__(self):
        return f"{self.label} {self.text[:80]}".strip()


class SolutionGroup(_OwnedByStrategyOrPlan):
    title = models.CharField(_("nhóm giải pháp"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhóm giải pháp")
        verbose_name_plural = _("nhóm giải pháp")
        ordering = ["position", "pk"]
        constraints = [_one_owner("strategies_solutiongroup_one_owner")]

    def __str__(self):
        return f"{self.label} {self.title}".strip()


class SolutionItem(models.Model):
    group = models.ForeignKey(
        SolutionGroup,
        verbose_name=_("nhóm giải pháp"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    label = models.CharField(_("số, ký hiệu"), max_length=10, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = models.TextField(_("nội dung"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giải pháp")
        verbose_name_plural = _("giải pháp")
        ordering = ["group", "position", "pk"]

    def __str__(self):
        return f"{self.label} {self.text[:80]}".strip()


class Scheme(models.Model):
    """A scheme (đề án) approved in principle with a strategy, in its appendix."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("chiến lược"), on_delete=models.CASCADE, related_name="schemes"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    # Blank when the source document at hand refers to the scheme without naming it.
    title = models.CharField(_("tên đề án"), max_length=300, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đề án")
        verbose_name_plural = _("đề án")
        ordering = ["strategy", "position", "pk"]

    def __str__(self):
        return self.title or str(_("Đề án số %(number)s") % {"number": self.position})
