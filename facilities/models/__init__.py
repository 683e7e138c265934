"""Facility models, split by what they hold; importers use `facilities.models` as before."""

from .records import (  # noqa: F401
    EnvironmentalRecord,
    FacilityYearStatus,
    Measure,
)
from .registry import (  # noqa: F401
    SIZES_WITH_DEDICATED_UNIT,
    TAX_CODE_PATTERN,
    Facility,
    FacilityRepresentative,
    Sector,
    SectorManager,
    SizeClass,
    non_negative,
    percent_validators,
    tax_code_validator,
)
