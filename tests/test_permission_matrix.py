"""Every URL of the project, for every role, with the expected answer declared once.

A URL pattern without an entry in CASES fails `test_every_url_pattern_has_a_declared_expectation`,
so each new page must say who may open it. Objects of another jurisdiction must answer 404.
"""

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access_cases import (
    FORBIDDEN,
    FOUND,
    LOGIN,
    NOT_FOUND,
    OK,
    ROLES,
    AccessCase,
    everyone,
    signed_in,
    world_of_the_module,
)
from tests.people import users_of_every_role
from tests.strategies.authoring_matrix import authoring_cases

# Patterns that are not pages of the portal: Django's admin has its own staff-only rule,
# tested as one entry below; static files are served by WhiteNoise.
EXEMPT_NAMESPACES = {"admin"}


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


CASES = [
    AccessCase("home", everyone(OK)),
    AccessCase("set_language", everyone(FOUND), method="post", data=lambda w: {"language": "en"}),
    AccessCase("javascript-catalog", everyone(OK)),
    AccessCase("admin:index", everyone(FOUND)),
    # Accounts
    AccessCase("accounts:login", everyone(OK)),
    AccessCase("accounts:logout", everyone(FOUND), method="post"),
    AccessCase("accounts:profile", signed_in(OK)),
    AccessCase("accounts:password_change", signed_in(OK)),
    AccessCase("accounts:password_change_done", signed_in(OK)),
    AccessCase("accounts:password_reset", everyone(OK)),
    AccessCase("accounts:password_reset_done", everyone(OK)),
    AccessCase(
        "accounts:password_reset_confirm",
        everyone(OK),
        kwargs=lambda w: {"uidb64": "MTIz", "token": "khong-hop-le"},
    ),
    AccessCase("accounts:password_reset_complete", everyone(OK)),
    # API tokens: each user's own; another user's token answers 404 (tests/sxsh_portal/api).
    AccessCase("api_tokens:list", signed_in(OK)),
    AccessCase(
        "api_tokens:revoke", signed_in(NOT_FOUND), kwargs=lambda w: {"pk": 999}, method="post"
    ),
    # The API's schema and documentation, and open data: public.
    AccessCase("api-schema", everyone(OK)),
    AccessCase("api-docs", everyone(OK)),
    AccessCase("opendata:index", everyone(OK)),
    AccessCase("opendata:figures", everyone(OK), kwargs=lambda w: {"fmt": "csv"}),
    AccessCase("opendata:cases", everyone(OK), kwargs=lambda w: {"fmt": "json"}),
    # Role grants: the ministry (and superusers, tested in tests/hardening); nobody else
    # learns the page exists.
    AccessCase("accounts:role_list", {**signed_in(NOT_FOUND), "ministry": OK}),
    AccessCase(
        "accounts:role_revoke",
        {**signed_in(NOT_FOUND), "ministry": FOUND},
        kwargs=lambda w: {"pk": w.users["province"].assignments.get().pk},
        method="post",
    ),
    AccessCase("favicon", everyone(301)),
    # Notifications: each user's own; another user's notification answers 404.
    AccessCase("notifications:list", signed_in(OK)),
    AccessCase("notifications:read_all", signed_in(FOUND), method="post"),
    AccessCase("notifications:preference", signed_in(FOUND), method="post"),
    AccessCase(
        "notifications:open",
        {**signed_in(NOT_FOUND), "province": FOUND},
        kwargs=lambda w: {"pk": w.notification().pk},
        method="post",
    ),
    # Strategies: national decisions are public; plans and agencies need a role.
    AccessCase("strategies:strategy_list", everyone(OK)),
    AccessCase(
        "strategies:strategy_detail", everyone(OK), kwargs=lambda w: {"pk": w.strategy_1419().pk}
    ),
    AccessCase("strategies:indicator_list", everyone(OK)),
    # Issued plans are public documents (drafts: see tests/strategies/authoring_matrix.py).
    AccessCase("strategies:plan_list", everyone(OK)),
    AccessCase(
        "strategies:plan_detail",
        everyone(OK),
        kwargs=lambda w: {"pk": w.plan("Thanh Hóa").pk},
        variant="Thanh Hóa plan",
    ),
    AccessCase(
        "strategies:plan_detail",
        everyone(OK),
        kwargs=lambda w: {"pk": w.plan("Hà Giang").pk},
        variant="Hà Giang plan",
    ),
    AccessCase(
        "strategies:plan_detail",
        everyone(OK),
        kwargs=lambda w: {"pk": w.plan(None).pk},
        variant="plan of an unknown province",
    ),
    AccessCase("strategies:agency_list", signed_in(OK)),
    # Facilities: the registry is scoped; registration and the case library are public.
    *(
        AccessCase(name, {**signed_in(OK), "outsider": FORBIDDEN})
        for name in (
            "facilities:facility_list",
            "facilities:facility_filter_units",
            "facilities:facility_export",
        )
    ),
    *(
        AccessCase(name, everyone(OK))
        for name in (
            "facilities:register",
            "facilities:register_done",
            "facilities:register_units",
            "facilities:library",
        )
    ),
    AccessCase(
        "facilities:library_detail",
        everyone(OK),
        kwargs=lambda w: {"pk": w.measure(published=True).pk},
        variant="published",
    ),
    AccessCase(
        "facilities:library_detail",
        everyone(NOT_FOUND),
        kwargs=lambda w: {"pk": w.measure(published=False).pk},
        variant="unpublished",
    ),
    *(
        AccessCase(name, {**signed_in(FORBIDDEN), "province": OK, "other_province": OK})
        for name in (
            "facilities:import_upload",
            "facilities:import_template",
            "facilities:measure_approval_list",
            "facilities:measure_approval_export",
        )
    ),
    AccessCase(
        "facilities:import_confirm",
        {**signed_in(FORBIDDEN), "province": FOUND, "other_province": FOUND},
        method="post",
    ),
    *(
        AccessCase(
            name,
            {**signed_in(NOT_FOUND), "ministry": OK, "province": OK, "unit": OK, "facility": OK},
            kwargs=lambda w: {"pk": w.facility().pk},
        )
        for name in ("facilities:facility_detail", "facilities:facility_changes")
    ),
    *(
        AccessCase(
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
    AccessCase(
        "facilities:status_edit",
        {**OWN_FACILITY_EDIT, "province": OK, "facility": OK},
        kwargs=lambda w: {"pk": w.facility().pk, "year": 2019},
    ),
    AccessCase(
        "facilities:measure_edit",
        {**OWN_FACILITY_EDIT, "province": OK, "facility": OK},
        kwargs=lambda w: {"pk": w.measure(published=True).pk},
    ),
    AccessCase(
        "facilities:facility_verify",
        {**OWN_FACILITY_EDIT, "province": FOUND},
        kwargs=lambda w: {"pk": w.facility().pk},
        method="post",
    ),
    AccessCase(
        "facilities:facility_reject",
        {**OWN_FACILITY_EDIT, "province": OK},
        kwargs=lambda w: {"pk": w.facility().pk},
    ),
    AccessCase(
        "facilities:measure_approve",
        {**OWN_FACILITY_EDIT, "province": FOUND},
        kwargs=lambda w: {"pk": w.measure(published=False).pk},
        method="post",
    ),
    AccessCase(
        "facilities:measure_publish",
        {**OWN_FACILITY_EDIT, "province": FORBIDDEN, "facility": FOUND},
        kwargs=lambda w: {"pk": w.measure(published=False).pk},
        method="post",
    ),
]


CASES += authoring_cases(
    AccessCase,
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
    from tests.sxsh_portal.signatures import test_access

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
    """The users of each role, the seed documents (programmes and plans of both
    jurisdictions), a verified Thanh Hóa facility with a published and an unpublished measure.
    Made once for the module: a case's own objects (a notification, a draft) are made in it."""

    def __init__(self, users):
        from facilities.models import FacilityRepresentative
        from facilities.services import sectors_load
        from strategies.services import seed_documents_load
        from tests.facilities.factories import FacilityFactory, MeasureFactory, YearStatusFactory

        self.users = users
        seed_documents_load()
        sectors_load()
        # A verified Thanh Hóa facility (Đông Sơn) that facility_user represents.
        district = users["unit"].assignments.get().agency.territory
        self._facility = FacilityFactory(name="Nhà máy bia Đông Sơn", admin_unit=district)
        FacilityRepresentative.objects.create(user=users["facility"], facility=self._facility)
        YearStatusFactory(facility=self._facility, year=2019)
        self._measures = {
            published: MeasureFactory(
                facility=self._facility,
                title="Cải tiến nồi hơi" if published else "Thay bóng đèn LED",
                publication_agreed=published,
                publication_approved=published,
            )
            for published in (True, False)
        }

    def _seed(self):
        """The seed documents are loaded already (tests/strategies/authoring_matrix.py asks)."""

    def strategy_1419(self):
        from strategies.models import Strategy

        return Strategy.objects.get(number="1419/QĐ-TTg")

    def plan(self, province_name):
        from strategies.models import ActionPlan

        plans = ActionPlan.objects.filter(province__name=province_name)
        if province_name is None:
            plans = ActionPlan.objects.filter(province__isnull=True)
        return plans.order_by("pk").first()

    def facility(self):
        return self._facility

    def notification(self):
        """A notification of the Thanh Hóa DOIT's user."""
        from sxsh_portal.notifications.models import Notification

        return Notification.objects.create(
            recipient=self.users["province"], kind="report_submitted", url="/bao-cao/"
        )

    def measure(self, *, published: bool):
        return self._measures[published]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The users of each role, and objects of both jurisdictions for the object URLs."""
    yield from world_of_the_module(
        django_db_blocker,
        tmp_path_factory.mktemp("media"),
        build=lambda: World(users=users_of_every_role()),
    )


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
