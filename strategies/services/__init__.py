"""Writes for strategies and action plans. Each function validates with the same rules the
admin uses (model clean() → strategies.validators) before saving."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sxsh_portal.territory.models import (
    REFORM_2025_FROM,
    SIXTY_THREE_PROVINCES_FROM,
    AdministrativeUnit,
)

SEED_FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures" / "strategies"
# Agencies first (plans name them by natural key), then the catalogue, the national
# strategies and the provinces' plans that localise their targets; last the programme of
# 2021–2030 (QĐ 889/QĐ-TTg and the Ministry's QĐ 3529/QĐ-BCT), which names both.
SEED_FIXTURES = (
    "agencies.json",
    "indicators.json",
    "strategies.json",
    "plans.json",
)
# Loaded by a second loaddata: its new indicators have natural keys only, and PostgreSQL's
# sequences are reset only when a loaddata ends (after the seed's fixed ids 1…N).
PROGRAMME_FIXTURES = ("programme_2021_2030.json",)
# The 63-province-era units the seed documents name: Thanh Hóa (38) and Hà Giang (02).
SEED_PROVINCE_CODES = ("38", "02")


def seed_documents_load(*, verbosity: int = 0) -> None:
    """Load the seed documents (QĐ 1419, QĐ 1393, the Thanh Hóa, Hà Giang and other plans).

    Idempotent: objects carry fixed primary keys or natural keys, so loading again updates
    rather than duplicates. The 63-province-era provinces must be loaded first.
    """
    present = set(
        AdministrativeUnit.objects.filter(
            level=AdministrativeUnit.Level.PROVINCE,
            code__in=SEED_PROVINCE_CODES,
            valid_from=SIXTY_THREE_PROVINCES_FROM,
        ).values_list("code", flat=True)
    )
    missing = sorted(set(SEED_PROVINCE_CODES) - present)
    # The Thanh Hóa DOIT belongs to today's Thanh Hóa (see scripts/strategy_fixtures/agencies.py).
    if not AdministrativeUnit.objects.filter(
        level=AdministrativeUnit.Level.PROVINCE, code="38", valid_from=REFORM_2025_FROM
    ).exists():
        missing.append("38 (từ 01/07/2025)")
    if missing:
        raise ValidationError(
            _(
                "Chưa có các tỉnh (mã %(codes)s, hiệu lực từ 01/08/2008). "
                "Hãy nạp danh mục đơn vị hành chính trước khi nạp văn bản nguồn."
            )
            % {"codes": ", ".join(missing)}
        )
    with transaction.atomic():
        for fixtures in (SEED_FIXTURES, PROGRAMME_FIXTURES):
            call_command(
                "loaddata",
                *(str(SEED_FIXTURE_DIR / name) for name in fixtures),
                verbosity=verbosity,
            )
