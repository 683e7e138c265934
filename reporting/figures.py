"""The figures a unit report carries, and how each indicator of the catalogue is derived
from them.

A report stores counts (numerators and denominators) rather than shares, so that the
province's share is recomputed from the sums of the units' counts (30/60 and 20/40 give
50/100 = 50%), never averaged. Indicators not listed in FORMULAS (milestones, the DOIT's
own officer) have no figure in a unit report and show "no data" in the consolidation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Figure(models.TextChoices):
    FACILITIES = "facilities", _("Số cơ sở sản xuất công nghiệp trên địa bàn")
    AWARE = "aware", _("Số cơ sở nhận thức được lợi ích của SXSH")
    APPLYING = "applying", _("Số cơ sở áp dụng SXSH")
    MEDIUM_LARGE = "medium_large", _("Số doanh nghiệp vừa và lớn")
    WITH_UNIT = "with_unit", _("Số doanh nghiệp vừa và lớn có bộ phận chuyên trách về SXSH")
    WITH_TRAINED_STAFF = (
        "with_trained_staff",
        _("Số cơ sở có cán bộ kỹ thuật được tập huấn về SXSH"),
    )
    TRAINED_STAFF = "trained_staff", _("Số cán bộ kỹ thuật của cơ sở được đào tạo về SXSH")
    APPLIERS_WITH_SAVING = "appliers_with_saving", _("Số cơ sở áp dụng SXSH có số liệu tiết kiệm")
    SAVING_PERCENT = (
        "saving_percent",
        _("Mức tiết kiệm năng lượng, nguyên vật liệu bình quân trên đơn vị sản phẩm (%)"),
    )
    SAVING_VND = "saving_vnd", _("Giá trị tiết kiệm trong năm (đồng)")
    OFFICERS = "officers", _("Số cán bộ phụ trách SXSH của đơn vị")
    OFFICERS_TRAINED = "officers_trained", _("Số cán bộ phụ trách SXSH được đào tạo, tập huấn")


# Figures the registry yields for a unit's area; the others are typed by the unit.
COMPUTED_FIGURES = (
    Figure.FACILITIES,
    Figure.AWARE,
    Figure.APPLYING,
    Figure.MEDIUM_LARGE,
    Figure.WITH_UNIT,
    Figure.WITH_TRAINED_STAFF,
    Figure.TRAINED_STAFF,
    Figure.APPLIERS_WITH_SAVING,
    Figure.SAVING_PERCENT,
    Figure.SAVING_VND,
)
# A weighted mean, not a count: summing it across units would be meaningless.
AVERAGED_FIGURES = {Figure.SAVING_PERCENT: Figure.APPLIERS_WITH_SAVING}


@dataclass(frozen=True)
class Formula:
    """How an indicator's value follows from report figures or activities.

    kind "share": 100 × Σ numerator / Σ denominator; "weighted": Σ(value × weight) / Σ weight;
    "activities": a count (or sum of enterprises reached) of the units' activities.
    """

    kind: str
    numerator: str = ""
    denominator: str = ""
    activity_kind: str = ""
    activity_sum: str = ""


FORMULAS: dict[str, Formula] = {
    "facilities-aware": Formula("share", Figure.AWARE, Figure.FACILITIES),
    "facilities-applying": Formula("share", Figure.APPLYING, Figure.FACILITIES),
    "enterprises-with-unit": Formula("share", Figure.WITH_UNIT, Figure.MEDIUM_LARGE),
    "enterprises-with-trained-staff": Formula(
        "share", Figure.WITH_TRAINED_STAFF, Figure.FACILITIES
    ),
    "officers-trained": Formula("share", Figure.OFFICERS_TRAINED, Figure.OFFICERS),
    "resource-saving": Formula("weighted", Figure.SAVING_PERCENT, Figure.APPLIERS_WITH_SAVING),
    "workshops-held": Formula("activities", activity_kind="workshop"),
    "trainings-held": Formula("activities", activity_kind="training"),
    "enterprises-trained": Formula(
        "activities", activity_kind="training", activity_sum="enterprises_reached"
    ),
}


# What a report value's column (18 digits, 2 decimals) holds; the model repeats it.
REPORT_VALUE_LIMIT = Decimal("9999999999999999.99")
# Figures that are counts or đồng: whole numbers.
WHOLE_FIGURES = tuple(figure for figure in Figure if figure != Figure.SAVING_PERCENT)
