"""The registry: sectors, facilities and their representatives."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sxsh_portal.collation import COLLATION

from ..imports import rules

# Vietnamese tax codes (mã số thuế): 10 digits for an enterprise, 10 digits + "-" + 3 digits
# for a dependent unit (branch, factory) registered under it.
TAX_CODE_PATTERN = r"^\d{10}(-\d{3})?$"
tax_code_validator = RegexValidator(
    TAX_CODE_PATTERN,
    _("Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu “-” và 3 chữ số (chi nhánh)."),
)
percent_validators = [
    MinValueValidator(0, _("Tỷ lệ phải từ 0 đến 100%%.")),
    MaxValueValidator(100, _("Tỷ lệ phải từ 0 đến 100%%.")),
]
non_negative = [MinValueValidator(0, _("Giá trị không được âm."))]


def percent_ok(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0, f"{field}__lte": 100})


class SizeClass(models.TextChoices):
    SMALL = "small", _("Nhỏ")
    MEDIUM = "medium", _("Vừa")
    LARGE = "large", _("Lớn")


# Only medium and large enterprises are expected to keep a dedicated SXSH unit (QĐ 1419).
SIZES_WITH_DEDICATED_UNIT = tuple(map(SizeClass, rules.SIZES_WITH_DEDICATED_UNIT))


class SectorManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Sector(models.Model):
    """An industry group as the action plans name them (managed list, loaded from a fixture)."""

    code = models.SlugField(_("mã"), max_length=50, unique=True)
    name = models.CharField(_("tên ngành"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    objects = SectorManager()

    class Meta:
        verbose_name = _("ngành sản xuất")
        verbose_name_plural = _("ngành sản xuất")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


class Facility(models.Model):
    """An industrial production facility (cơ sở sản xuất công nghiệp)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xác minh")
        VERIFIED = "verified", _("Đã xác minh")
        REJECTED = "rejected", _("Bị từ chối")

    # Vietnamese order in every list (sxsh_portal.collation).
    name = models.CharField(_("tên cơ sở"), max_length=255, db_collation=COLLATION)
    tax_code = models.CharField(
        _("mã số thuế"),
        max_length=14,
        unique=True,
        validators=[tax_code_validator],
        error_messages={"unique": _("Đã có cơ sở đăng ký với mã số thuế này.")},
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("ngành"), on_delete=models.PROTECT, related_name="facilities"
    )
    size_class = models.CharField(_("quy mô"), max_length=10, choices=SizeClass.choices)
    admin_unit = models.ForeignKey(
        "territory.AdministrativeUnit",
        verbose_name=_("đơn vị hành chính"),
        on_delete=models.PROTECT,
        related_name="facilities",
        help_text=_("Huyện hoặc xã nơi cơ sở đặt nhà máy."),
        db_index=False,  # facility_unit_name (admin_unit, name) serves every lookup by it
    )
    # Denormalised from admin_unit so that scoping a DOIT's list is one indexed column.
    province = models.ForeignKey(
        "territory.AdministrativeUnit",
        verbose_name=_("tỉnh"),
        on_delete=models.PROTECT,
        related_name="province_facilities",
        db_index=False,  # the facility_prov_* indexes lead with it
    )
    industrial_zone = models.CharField(_("khu/cụm công nghiệp"), max_length=255, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=500)
    contact_person = models.CharField(_("người liên hệ"), max_length=150, blank=True)
    contact_phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    contact_email = models.EmailField(_("thư điện tử"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    rejection_reason = models.TextField(_("lý do từ chối"), blank=True)
    registered_at = models.DateTimeField(_("ngày đăng ký"), default=timezone.now)
    verified_at = models.DateTimeField(_("xác minh lúc"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác minh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The historical record current when the DOIT last verified: the base of the
    # "changes since verification" view.
    verified_history_id = models.BigIntegerField(null=True, blank=True, editable=False)
    # Any change to the profile, yearly statuses or measures; compared with verified_at to
    # flag facilities whose changes the DOIT has not seen yet.
    last_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The history is read by facility (id) and by record (history_id): indexes on its other
    # columns would only slow every write, above all the 100,000 records of a large import.
    # Its user is kept by Django (SET_NULL when a user is deleted) without a database
    # constraint, which PostgreSQL would check once per record when an import commits.
    history = HistoricalRecords(
        excluded_fields=["last_changed_at", "verified_history_id"],
        no_db_index=["tax_code", "sector", "admin_unit", "province", "verified_by"],
        user_db_constraint=False,
    )

    class Meta:
        verbose_name = _("cơ sở sản xuất")
        verbose_name_plural = _("cơ sở sản xuất")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="facilities_facility_rejection_has_reason",
                violation_error_message=_("Phải ghi lý do từ chối."),
            ),
        ]
        indexes = [
            models.Index(fields=["province", "status", "name"], name="facility_prov_status_name"),
            models.Index(fields=["province", "sector", "name"], name="facility_prov_sector_name"),
            models.Index(fields=["province", "size_class", "name"], name="facility_prov_size_name"),
            models.Index(fields=["admin_unit", "name"], name="facility_unit_name"),
            models.Index(fields=["name", "id"], name="facility_name_id"),
            # The list's filters for the whole country: a sector's facilities counted and
            # paged in the list's order by an index-only scan, and those of a status counted
            # from a small index (its pages walk facility_name_id). Few, since each index on
            # the name slows every import.
            models.Index(
                fields=["sector", "status", "name", "id"], name="facility_sector_status_name"
            ),
            models.Index(fields=["status"], name="facility_status"),
        ]

    def __str__(self):
        return f"{self.name} ({self.tax_code})"

    def get_absolute_url(self):
        return reverse("facilities:facility_detail", args=[self.pk])

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED

    @property
    def has_unverified_changes(self) -> bool:
        return bool(
            self.is_verified
            and self.last_changed_at
            and self.verified_at
            and self.last_changed_at > self.verified_at
        )


class FacilityRepresentative(models.Model):
    """A user who speaks for a facility (the accounts app only knows the role)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="represented_facilities",
    )
    facility = models.ForeignKey(
        Facility,
        verbose_name=_("cơ sở"),
        on_delete=models.CASCADE,
        related_name="representatives",
    )
    created_at = models.DateTimeField(_("ngày tạo"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đại diện cơ sở")
        verbose_name_plural = _("đại diện cơ sở")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "facility"], name="facilities_representative_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.facility.name}"
