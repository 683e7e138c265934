"""The navigation bar, built from the access rule: each entry names the page and who may
open it, as the pages themselves decide (tests/sxsh_portal/test_navigation.py follows every
link as every role and expects the page, never a refusal)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from facilities import access as facilities_access
from reporting import access as reporting_access

from .accounts.access import Scope


def _signed_in(scope: Scope) -> bool:
    return scope.is_authenticated


def _public_figures_reader(scope: Scope) -> bool:
    # Staff read the same figures on their own dashboards.
    return not reporting_access.reports_may_list(scope)


def _anonymous(scope: Scope) -> bool:
    return not scope.is_authenticated


def _everyone(scope: Scope) -> bool:
    return True


@dataclass(frozen=True)
class Entry:
    url_name: str
    label: str
    visible: Callable[[Scope], bool]


ENTRIES = (
    Entry("strategies:strategy_list", _("Chiến lược"), _everyone),
    Entry("strategies:plan_list", _("Kế hoạch"), _signed_in),
    Entry("strategies:agency_list", _("Cơ quan"), _signed_in),
    Entry("facilities:facility_list", _("Cơ sở"), facilities_access.registry_may_read),
    Entry("reporting:report_list", _("Báo cáo"), reporting_access.reports_may_list),
    Entry("reporting:consolidated_list", _("Tổng hợp"), reporting_access.consolidations_may_list),
    Entry("dashboards:home", _("Tổng quan"), reporting_access.reports_may_list),
    Entry("facilities:library", _("Mô hình điển hình"), _everyone),
    Entry("dashboards:public", _("Số liệu SXSH"), _public_figures_reader),
    Entry("facilities:register", _("Đăng ký cơ sở"), _anonymous),
)


def navigation_for(scope: Scope) -> list[dict]:
    """The entries this scope may open, in the bar's order, with their addresses."""
    return [
        {"url": reverse(entry.url_name), "label": entry.label, "name": entry.url_name}
        for entry in ENTRIES
        if entry.visible(scope)
    ]
