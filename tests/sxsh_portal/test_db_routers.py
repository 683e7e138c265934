"""The read replica's router (README "Scaling out"): a dashboard page's reads go to the
replica, every other page's to the primary; accounts and sessions are always read from the
primary; writes and migrations never reach the replica.

The test database has no replica, so the router's decision is observed, not followed: each
read asks the router as it would with DATABASE_REPLICA_URL set, and the primary answers."""

from unittest import mock

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from sxsh_portal import db_routers
from sxsh_portal.db_routers import REPLICA, ReplicaRouter

WITH_REPLICA_MIDDLEWARE = [*settings.MIDDLEWARE, "sxsh_portal.db_routers.ReplicaReadsMiddleware"]


@pytest.fixture
def decisions():
    """(app label, database the router chose) for every read while the test runs."""
    seen: list[tuple[str, str | None]] = []
    choose = ReplicaRouter.db_for_read

    def observe(router, model, **hints):
        with mock.patch.object(db_routers, "replica_configured", return_value=True):
            seen.append((model._meta.app_label, choose(router, model, **hints)))
        return None

    with mock.patch.object(ReplicaRouter, "db_for_read", observe):
        yield seen


@pytest.mark.django_db
@override_settings(MIDDLEWARE=WITH_REPLICA_MIDDLEWARE)
def test_a_dashboard_page_reads_its_figures_from_the_replica(client_as, ministry_user, decisions):
    response = client_as(ministry_user).get(reverse("dashboards:national"))

    assert response.status_code == 200
    assert ("reporting", REPLICA) in decisions
    for label in ("sessions", "accounts", "auth"):
        assert (label, REPLICA) not in decisions


@pytest.mark.django_db
@override_settings(MIDDLEWARE=WITH_REPLICA_MIDDLEWARE)
def test_other_pages_read_the_primary(client_as, province_user, decisions):
    response = client_as(province_user).get(reverse("reporting:report_list"))

    assert response.status_code == 200
    assert decisions
    assert all(database is None for _label, database in decisions)


@pytest.mark.django_db
@override_settings(MIDDLEWARE=WITH_REPLICA_MIDDLEWARE)
def test_the_replica_reads_end_with_the_dashboards_request(client_as, ministry_user, decisions):
    client = client_as(ministry_user)
    client.get(reverse("dashboards:national"))
    decisions.clear()

    client.get(reverse("reporting:report_list"))

    assert all(database is None for _label, database in decisions)


def test_without_a_replica_every_read_goes_to_the_primary():
    from reporting.models import UnitReport

    token = db_routers._replica_reads.set(True)
    try:
        assert ReplicaRouter().db_for_read(UnitReport) is None
    finally:
        db_routers._replica_reads.reset(token)


def test_writes_and_migrations_stay_on_the_primary():
    from reporting.models import UnitReport

    router = ReplicaRouter()
    assert router.db_for_write(UnitReport) == "default"
    assert router.allow_migrate(REPLICA, "reporting") is False
    assert router.allow_migrate("default", "reporting") is True
