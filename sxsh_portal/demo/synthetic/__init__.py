"""Synthetic national data at full size, for benchmarks (`generate_national_data`).

The real administrative units (63 provinces and 696 districts until 30/06/2025, 34 provinces
and 3,321 communes after), facilities spread by sector and size (most registered before the
reform, in an old district; a share after it, in a commune of today's province), a yearly
SXSH status for every facility-year, measures, and the plans and reports on either side of
the 2025 reform: before 2025, one plan per old province, its DOIT, and a report from every
district people's committee; from 2025, one plan per current province ("… giai đoạn
2025–2030"), its DOIT, and a report from every commune people's committee. Plans localise
the QĐ 1419 national targets; every unit reports every year of its plan, in every state,
with the registry's figures beside noisy reported ones; consolidated reports are sent for
every year but the last, a draft for it.

Deterministic: every value comes from one `random.Random(seed)` consumed in a fixed order
over units sorted by code, so the same seed and sizes give the same rows (compare them by
natural keys: tax code and year, province and year; database ids may differ).

Synthetic data bypasses the audit trail on purpose: rows are written with bulk inserts
(PostgreSQL COPY, executemany elsewhere) rather than through the per-row services, so no
historical records, transitions other than the ones written here, or e-mails are produced.
Loading 4.8 million yearly statuses through the services would take hours. The commune committees
alone go through the product's `commune_committees_ensure` (the one every plan uses), which
writes them in bulk with their history.

- `common`: constants, the bulk-insert helpers (`_insert`, `_new_ids`, `_max_id`), the
  result and the small records the steps share;
- `places`: provinces old and new, their DOITs and committees, and their action plans
  (`PlacesMixin`);
- `registry`: facilities, yearly statuses, measures, and the registry's figures
  (`RegistryMixin`);
- `reports`: reporting years, unit reports, consolidated reports (`ReportsMixin`);
- `generator`: `NationalDataGenerator`, composed of the three, which runs the steps in
  order, and `national_data_generate`.
"""

from .common import SYNTHETIC_MARKER, SyntheticDataExists, SyntheticResult
from .generator import NationalDataGenerator, national_data_generate

__all__ = [
    "SYNTHETIC_MARKER",
    "NationalDataGenerator",
    "SyntheticDataExists",
    "SyntheticResult",
    "national_data_generate",
]
