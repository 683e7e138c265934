import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sxsh_portal.collation import COLLATION

# The 63-province map took effect when Hà Tây merged into Hà Nội on 01/08/2008; the
# 2025 reform (34 provinces, no district level) took effect on 01/07/2025.
SIXTY_THREE_PROVINCES_FROM = datetime.date(2008, 8, 1)
REFORM_2025_FROM = datetime.date(2025, 7, 1)
REFORM_2025_LAST_DAY_BEFORE = datetime.date(2025, 6, 30)


class AdministrativeUnitManager(models.Manager):
    def get_by_natural_key(self, level, code, valid_from):
        return self.get(level=level, code=code, valid_from=valid_from)


class AgencyManager(models.Manager):
    def get_by_natural_key(self, name, level=None, code=None, valid_from=None):
        if level is None:
            return self.get(name=name, province__isnull=True)
        return self.get(
            name=name, province__level=level, province__code=code, province__valid_from=valid_from
        )


class AdministrativeUnit(models.Model):
    """A province, district or commune as it existed between valid_from and valid_to."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Tỉnh/thành phố")
        DISTRICT = "district", _("Quận/huyện/thị xã")
        COMMUNE = "commune", _("Xã/phường/đặc khu")

    code = models.CharField(_("mã"), max_length=10, help_text=_("Mã đơn vị hành chính (GSO)."))
    # Vietnamese order in every list (sxsh_portal.collation).
    name = models.CharField(_("tên"), max_length=200, db_collation=COLLATION)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200, blank=True)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        symmetrical=False,
        blank=True,
        related_name="predecessors",
    )

    objects = AdministrativeUnitManager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["level", "code", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code", "valid_from"], name="territory_unit_unique_code_per_period"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="territory_unit_valid_period",
            ),
            models.CheckConstraint(
                condition=Q(level="province", parent__isnull=True)
                | (~Q(level="province") & Q(parent__isnull=False)),
                name="territory_unit_parent_matches_level",
            ),
        ]
        indexes = [models.Index(fields=["level", "valid_to"])]

    def __str__(self):
        if self.valid_to:
            return f"{self.name} ({self.valid_from:%Y}–{self.valid_to:%Y})"
        return self.name

    def natural_key(self):
        return (self.level, self.code, self.valid_from.isoformat())


class Agency(models.Model):
    """An organisation that issues, leads, coordinates or reports: ministry, DOIT, district
    people's committee, economic-zone board, centre, association, newspaper, …

    Reporting units are agencies, not territories: the Nghi Sơn economic-zone board reports
    just as a district people's committee does.
    """

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Bộ, ngành trung ương")
        PROVINCIAL_COMMITTEE = "provincial_committee", _("UBND tỉnh")
        DOIT = "doit", _("Sở Công Thương")
        DEPARTMENT = "department", _("Sở, ban, ngành cấp tỉnh")
        DISTRICT_COMMITTEE = "district_committee", _("UBND cấp huyện")
        COMMUNE_COMMITTEE = "commune_committee", _("UBND cấp xã")
        ZONE_BOARD = "zone_board", _("Ban quản lý khu kinh tế/khu công nghiệp")
        CENTRE = "centre", _("Trung tâm, đơn vị sự nghiệp")
        ORGANISATION = "organisation", _("Hội, hiệp hội, tổ chức")
        MEDIA = "media", _("Cơ quan báo chí, truyền thông")
        OTHER = "other", _("Khác")

    name = models.CharField(_("tên cơ quan"), max_length=255, db_collation=COLLATION)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    kind = models.CharField(_("loại"), max_length=30, choices=Kind.choices)
    province = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("tỉnh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        limit_choices_to={"level": AdministrativeUnit.Level.PROVINCE},
        help_text=_("Để trống với cơ quan trung ương."),
    )
    territory = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("địa bàn"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="governing_agencies",
        help_text=_("Địa bàn cơ quan quản lý, ví dụ huyện của một UBND huyện."),
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    history = HistoricalRecords()

    objects = AgencyManager()

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["province__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name"], name="territory_agency_unique_name_per_province"
            ),
            models.CheckConstraint(
                condition=Q(kind="ministry") | Q(province__isnull=False),
                name="territory_agency_local_has_province",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        if self.province is None:
            return (self.name,)
        return (self.name, *self.province.natural_key())

    natural_key.dependencies = ["territory.administrativeunit"]
