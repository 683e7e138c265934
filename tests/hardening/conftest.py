"""Issue 14 (hardening, web half): reuse the facilities' places and sectors."""

from tests.facilities.conftest import brewery, hoang_hoa, sectors, vi_xuyen  # noqa: F401
