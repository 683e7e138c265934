"""Who may read and change the facility registry: the policy the registry's pages, the
import, the PDF summaries and the navigation ask.

Built on the portal's one access rule (`sxsh_portal.accounts.access.scope_for`): officials
(the Ministry, a DOIT, a reporting unit) and facility representatives read the registry, each
the facilities of their own scope (`selectors.facilities_visible`); only the DOIT imports
facilities and approves measures; the public reads the library of published models only.
"""

from __future__ import annotations

from sxsh_portal.accounts.access import Scope

from . import selectors
from .models import Facility


def registry_may_read(scope: Scope) -> bool:
    """Officials and representatives read the registry; a user with no role does not."""
    return scope.is_ministry or scope.is_doit or scope.is_unit or scope.is_facility_representative


def facilities_may_add(scope: Scope) -> bool:
    """Adding facilities (a spreadsheet import, the API) is the DOIT's work."""
    return scope.is_doit


def measures_may_approve(scope: Scope) -> bool:
    """Approving the publication of a facility's measures is the DOIT's."""
    return scope.is_doit


def facility_summary_may_read(scope: Scope, facility: Facility) -> bool:
    """The facility's own summary (PDF): its representative, its DOIT and the Ministry; a
    district that sees the facility in its registry does not get it."""
    return (
        scope.is_ministry
        or selectors.facility_can_manage(scope, facility)
        or selectors.facility_is_represented_by(scope, facility)
    )
