"""Every URL of the project, for every role, with the expected answer declared once.

A URL pattern without an entry in CASES fails `test_every_url_pattern_has_a_declared_expectation`,
so each new page must say who may open it. Objects of another jurisdiction must answer 404.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.strategies.authoring_matrix import authoring_cases

ROLES = ("anonymous", "ministry", "province", "other_province", "unit", "facility", "outsider")

OK = 200
FOUND = 302
NOT_FOUND = 404
NOT_ALLOWED = 405
LOGIN = "login"  # a redirect to the login page

# Patterns that are not pages of the portal: Django's admin has its own staff-only rule,
# tested as one entry below; static files are served by WhiteNoise.
EXEMPT_NAMESPACES = {"admin"}


FORBIDDEN = 403


def everyone(expected):
    return dict.fromkeys(ROLES, expected)


def signed_in(expected, anonymous=LOGIN):
    return {**everyone(expected), "anonymous": anonymous}


# Changing a Thanh Hóa facility: its DOIT and its representative may, readers are refused,
# and anyone outside the province never learns the facility exists.
OWN_FACILITY_EDIT = {
    "anonymous": LOGIN,
    "ministry": FORBIDDEN,
    "province": FORBIDDEN,
    "other_province": NOT_FOUND,
    "unit": FORBIDDEN,
    "facility": FORBIDDEN,
    "outsider": NOT_FOUND,
}


@dataclass(frozen=True)
class Case:
    name: str
    expect: dict
    kwargs: Callable = field(default=lambda world: {})
    method: str = "get"
    data: Callable = field(default=lambda world: {})
    variant: str = ""

    @property
    def id(self):
        return f"{self.name}[{self.variant}]" if self.variant else self.name


CASES = [
    Case("home", everyone(OK)),
    Case("set_language", everyone(FOUND), method="post", data=lambda w: {"language": "en"}),
    Case("javascript-catalog", everyone(OK)),
    Case("admin:index", everyone(FOUND)),
    # Accounts
    Case("accounts:login", everyone(OK)),
    Case("accounts:logout", everyone(FOUND), method="post"),
    Case("accounts:profile", signed_in(OK)),
    Case("accounts:password_change", signed_in(OK)),
    Case("accounts:password_change_done", signed_in(OK)),
    Case("accounts:password_reset", everyone(OK)),
    Case("accounts:password_reset_done", everyone(OK)),
    Case(
        "accounts:password_reset_confirm",
        everyone(OK),
        kwargs=lambda w: {"uidb64": "MTIz", "token": "khong-hop-le"},
    ),
    Case("accounts:password_reset_complete", everyone(OK)),
    # API tokens: each user's own; another user's token answers 404 (tests/sxsh_portal/api).
    Case("api_tokens:list", signed_in(OK)),
    Case("api_tokens:revoke", signed_in(NOT_FOUND), kwargs=lambda w: {"pk": 999}, method="post"),
    # The API's schema and documentation, and open data: public.
    Case("api-schema", everyone(OK)),
    Case("api-docs", everyone(OK)),
    Case("opendata:index", everyone(OK)),
    Case("opendata:figures", everyone(OK), kwargs=lambda w: {"fmt": "csv"}),
    Case("opendata:cases", everyone(OK), kwargs=lambda w: {"fmt": "json"}),
    # Role grants: the ministry (and superusers, tested in tests/hardening); nobody else
    # learns the page exists.
    Case("accounts:role_list", {**signed_in(NOT_FOUND), "ministry": OK}),
    Case(
        "accounts:role_revoke",
        {**signed_in(NOT_FOUND), "ministry": FOUND},
        kwargs=lambda w: {"pk": w.users["province"].assignments.get().pk},
        method="post",
    ),
    Case("favicon", everyone(301)),
    # Notifications: each user's own; another user's notification answers 404.
    Case("notifications:list", signed_in(OK)),
    Case("notifications:read_all", signed_in(FOUND), method="post"),
    Case("notifications:preference", signed_in(FOUND), method="post"),
    Case(
        "notifications:open",
        {**signed_in(NOT_FOUND), "province": FOUND},
        kwargs=lambda w: {"pk": w.notification().pk},
        method="post",
    ),
    # Strategies: national decisions are public; plans and agencies need a role.
    Case("strategies:strategy_list", everyone(OK)),
    Case("strategies:strategy_detail", everyone(OK), kwargs=lambda w: {"pk": w.strategy_1419().pk}),
    Case("strategies:indicator_list", everyone(OK)),
    # Issued plans are public documents (drafts: see tests/strategies/authoring_matrix.py).
    Case("strategies:plan_list", everyone(OK)),
    Case(
        "strategies:plan_detail",
        everyone(OK),
        kwargs=lambda w: {"pk": w.plan("Thanh Hóa").pk},
        variant="Thanh Hóa plan",
    ),
    Case(
        "strategies:plan_detail",
        everyone(OK),
        kwargs=lambda w: {"pk": w.plan("Hà Giang").pk},
        variant="Hà Giang plan",
    ),
    Case(
        "strategies:plan_detail",
        everyone(OK),
        kwargs=lambda w: {"pk": w.plan(None).pk},
        variant="plan of an unknown province",
    ),
    Case("strategies:agency_list", signed_in(OK)),
    # Facilities: the registry is scoped; registration and the case library are public.
    *(
        Case(name, {**signed_in(OK), "outsider": FORBIDDEN})
        for name in (
            "facilities:facility_list",
            "facilities:facility_filter_units",
            "facilities:facility_export",
        )
    ),
    *(
        Case(name, everyone(OK))
        for name in (
            "facilities:register",
            "facilities:register_done",
            "facilities:register_units",
            "facilities:library",
        )
    ),
    Case(
        "facilities:library_detail",
        everyone(OK),
        kwargs=lambda w: {"pk": w.measure(published=True).pk},
        variant="published",
    ),
    Case(
        "facilities:library_detail",
        everyone(NOT_FOUND),
        kwargs=lambda w: {"pk": w.measure(published=False).pk},
        variant="unpublished",
    ),
    *(
        Case(name, {**signed_in(FORBIDDEN), "province": OK, "other_province": OK})
        for name in (
            "facilities:import_upload",
            "facilities:import_template",
            "facilities:measure_approval_list",
            "facilities:measure_approval_export",
        )
    ),
    Case(
        "facilities:import_confirm",
        {**signed_in(FORBIDDEN), "province": FOUND, "other_province": FOUND},
        method="post",
    ),
    *(
        Case(
            name,
            {**signed_in(NOT_FOUND), "ministry": OK, "province": OK, "unit": OK, "facility": OK},
            kwargs=lambda w: {"pk": w.facility().pk},
        )
        for name in ("facilities:facility_detail", "facilities:facility_changes")
    ),
    *(
        Case(
            name,
            {**OWN_FACILITY_EDIT, "province": OK, "facility": OK},
            kwargs=lambda w: {"pk": w.facility().pk},
        )
        for name in (
            "facilities:facility_edit",
            "facilities:status_create",
            "facilities:measure_create",
        )
    ),
    Case(
        "facilities:status_edit",
        {**OWN_FACILITY_EDIT, "province": OK, "facility": OK},
        kwargs=lambda w: {"pk": w.facility().pk, "year": 2019},
    ),
    Case(
        "facilities:measure_edit",
        {**OWN_FACILITY_EDIT, "province": OK, "facility": OK},
        kwargs=lambda w: {"pk": w.measure(published=True).pk},
    ),
    Case(
        "facilities:facility_verify",
        {**OWN_FACILITY_EDIT, "province": FOUND},
        kwargs=lambda w: {"pk": w.facility().pk},
        method="post",
    ),
    Case(
        "facilities:facility_reject",
        {**OWN_FACILITY_EDIT, "province": OK},
        kwargs=lambda w: {"pk": w.facility().pk},
    ),
    Case(
        "facilities:measure_approve",
        {**OWN_FACILITY_EDIT, "province": FOUND},
        kwargs=lambda w: {"pk": w.measure(published=False).pk},
        method="post",
    ),
    Case(
        "facilities:measure_publish",
        {**OWN_FACILITY_EDIT, "province": FORBIDDEN, "facility": FOUND},
        kwargs=lambda w: {"pk": w.measure(published=False).pk},
        method="post",
    ),
]


CASES += authoring_cases(
    Case,
    everyone=everyone,
    signed_in=signed_in,
    OK=OK,
    FOUND=FOUND,
    NOT_FOUND=NOT_FOUND,
    LOGIN=LOGIN,
)


def _reporting_tables():
    """Reporting declares its URLs in tables of its own, each run by its own access test."""
    from tests.reporting import test_access, test_documents_access

    return [test_access.CASES, test_documents_access.CASES]


REPORTING_TABLES = _reporting_tables()


def _dashboards_table():
    """The dashboards app's URLs are declared in its own table too."""
    from tests.reporting.dashboards import test_access

    return test_access.CASES


def _signatures_table():
    """The signatures app's URLs are declared in its own table too."""
    from tests.reporting.signatures import test_access

    return test_access.CASES


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in EXEMPT_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else f"<unnamed {entry.pattern}>"


def _api_endpoints():
    """The API declares its endpoints in its own matrix (tests/test_api_matrix.py)."""
    from tests import test_api_matrix

    return {endpoint.name for endpoint in test_api_matrix.ENDPOINTS}


def test_every_url_pattern_has_a_declared_expectation():
    declared = (
        {case.name for case in CASES}
        | {
            name if ":" in name else f"reporting:{name}"
            for table in REPORTING_TABLES
            for name, *_rest in table
        }
        | _api_endpoints()
        | {f"dashboards:{name}" for name, *_rest in _dashboards_table()}
        | {f"signatures:{name}" for name, *_rest in _signatures_table()}
    )
    project_urls = set(_walk(get_resolver().url_patterns))

    assert project_urls - declared == set(), "URLs with no entry in the permission matrix"
    assert declared - project_urls - {"admin:index"} == set(), "entries for URLs that are gone"


class World:
    """Objects for the object URLs, made on first use so a case pays only for what it needs."""

    def __init__(self, users):
        self.users = users
        self._seeded = False

    def _seed(self):
        if not self._seeded:
            from strategies.services import seed_documents_load

            seed_documents_load()
            self._seeded = True

    def strategy_1419(self):
        from strategies.models import Strategy

        self._seed()
        return Strategy.objects.get(number="1419/QĐ-TTg")

    def plan(self, province_name):
        from strategies.models import ActionPlan

        self._seed()
        plans = ActionPlan.objects.filter(province__name=province_name)
        if province_name is None:
            plans = ActionPlan.objects.filter(province__isnull=True)
        return plans.order_by("pk").first()

    def facility(self):
        """A verified Thanh Hóa facility (Đông Sơn) that facility_user represents."""
        if getattr(self, "_facility", None) is None:
            from facilities.models import FacilityRepresentative
            from facilities.services import sectors_load
            from tests.facilities.factories import FacilityFactory, YearStatusFactory

            sectors_load()
            district = self.users["unit"].assignments.get().agency.territory
            self._facility = FacilityFactory(name="Nhà máy bia Đông Sơn", unit=district)
            FacilityRepresentative.objects.create(
                user=self.users["facility"], facility=self._facility
            )
            YearStatusFactory(facility=self._facility, year=2019)
        return self._facility

    def notification(self):
        """A notification of the Thanh Hóa DOIT's user."""
        from sxsh_portal.notifications.models import Notification

        return Notification.objects.create(
            recipient=self.users["province"], kind="report_submitted", url="/bao-cao/"
        )

    def measure(self, *, published: bool):
        from facilities.models import Measure
        from tests.facilities.factories import MeasureFactory

        measure = Measure.objects.filter(publication_approved=published).first()
        return measure or MeasureFactory(
            facility=self.facility(),
            title="Cải tiến nồi hơi" if published else "Thay bóng đèn LED",
            publication_agreed=published,
            publication_approved=published,
        )


@pytest.fixture
def world(users_by_role):
    """The users of each role, and objects of both jurisdictions for the object URLs."""
    return World(users=users_by_role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_each_role_gets_the_declared_answer(case, role, world, client):
    user = world.users[role]
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse(case.name, kwargs=case.kwargs(world))

    response = getattr(client, case.method)(url, case.data(world))

    expected = case.expect[role]
    if expected == LOGIN:
        assert response.status_code == FOUND, response.status_code
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    else:
        assert response.status_code == expected
