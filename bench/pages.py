"""Pages of `make bench`: each page's server time (p50/p95, queries) in this process through
Django's test client, set against its floor: the framework's own cost of an empty page (the
same middleware, session, login and site layout: bench/floor_urls.py) plus the page's
heaviest SQL timed alone. A page is judged on p95 ≤ 1.5 × (floor + SQL), and the issue's
five on p95 ≤ 150 ms as well."""

from __future__ import annotations

import statistics
import time

from shared import percentile as _percentile


def _dashboard_reference(year: int, province_ids: list[int] | None) -> list:
    """The raw SQL aggregates behind a dashboard, straight from the base tables: the indicator
    by province (Σ unit report figures of received reports), reporting health (reports by
    state and timeliness) and savings by sector and year. The page is set against the time
    these take alone: what computing its figures on every request would cost."""
    from django.db.models import Count, Q, Sum

    from facilities.models import Facility, Measure
    from reporting.models import UnitReport, UnitReportValue

    values = UnitReportValue.objects.filter(
        report__reporting_year__year=year,
        report__state__in=UnitReport.RECEIVED_STATES,
        figure__in=["applying", "facilities"],
    )
    reports = UnitReport.objects.all()
    measures = Measure.objects.filter(facility__status=Facility.Status.VERIFIED)
    if province_ids is not None:
        values = values.filter(report__reporting_year__plan__province_id__in=province_ids)
        reports = reports.filter(reporting_year__plan__province_id__in=province_ids)
        measures = measures.filter(facility__province_id__in=province_ids)
    return [
        values.values("report__reporting_year__plan__province_id", "figure")
        .annotate(total=Sum("reported_value"))
        .order_by(),
        reports.values("reporting_year_id")
        .annotate(
            expected=Count("pk"),
            received=Count("pk", filter=Q(state__in=UnitReport.RECEIVED_STATES)),
            missing=Count("pk", filter=Q(first_submitted_at__isnull=True)),
        )
        .order_by(),
        measures.values("facility__sector__name", "year")
        .annotate(
            n=Count("pk"),
            facilities=Count("facility", distinct=True),
            saving=Sum("yearly_saving_vnd"),
        )
        .order_by(),
    ]


def _readable_select(sql: str) -> str | None:
    """The SELECT of a captured query (server-side cursors wrap it in DECLARE … FOR)."""
    text = sql.strip()
    if text.upper().startswith("DECLARE"):
        text = text.split(" FOR ", 1)[-1]
    return text if text.upper().startswith("SELECT") else None


def _time_sql(sql: str, params, runs: int) -> float:
    from django.db import connection

    times = []
    with connection.cursor() as cursor:
        for _run in range(runs):
            started = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _pages(context: dict, size: dict) -> list[tuple[str, str, str, list | None, bool]]:
    """(label, user, url, reference querysets or None for the page's heaviest query, judged).
    The issue's five pages are judged; the rest are measured for the record."""
    from django.urls import reverse

    from facilities.models import Sector
    from reporting.models import ReportingYear, UnitReport

    sector = Sector.objects.order_by("order").values_list("pk", flat=True).first()
    unit = context["units"][0]
    facilities = f"{reverse('facilities:facility_list')}?sector={sector}&status=verified"
    year = ReportingYear.objects.get(pk=context["latest_year_id"]).year
    national_year = (
        ReportingYear.objects.filter(consolidated_report__state="submitted")
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    ) or year
    province = context["province_id"]
    # The provincial dashboard reads today's province and the old one it succeeded.
    lineage = sorted({province, context["old_province_id"]})
    # The year named: the deadline-day run (bench/deadline_day.py) opens the next year, which
    # would otherwise become the dashboards' default.
    dashboard_province = f"{reverse('dashboards:province', kwargs={'pk': province})}?year={year}"
    unit_agency_id = UnitReport.objects.values_list("agency_id", flat=True).get(pk=unit["report"])
    return [
        ("facility list, filtered, page 1", "bench-bo", facilities, None, True),
        (
            f"facility list, filtered, page {size['facility_page']}",
            "bench-bo",
            f"{facilities}&page={size['facility_page']}",
            None,
            True,
        ),
        (
            "unit report page",
            unit["username"],
            reverse("reporting:report_detail", kwargs={"pk": unit["report"]}),
            None,
            True,
        ),
        (
            "provincial dashboard (DOIT)",
            "bench-so",
            dashboard_province,
            _dashboard_reference(year, lineage),
            True,
        ),
        (
            "national dashboard (Ministry)",
            "bench-bo",
            f"{reverse('dashboards:national')}?year={national_year}",
            _dashboard_reference(national_year, None),
            True,
        ),
        (
            "provincial dashboard (Ministry)",
            "bench-bo",
            dashboard_province,
            _dashboard_reference(year, lineage),
            False,
        ),
        (
            "unit dashboard",
            unit["username"],
            reverse("dashboards:unit", kwargs={"pk": unit_agency_id}),
            None,
            False,
        ),
        ("public figures page", "bench-bo", reverse("dashboards:public"), None, False),
        (
            "national dashboard .xlsx",
            "bench-bo",
            reverse("dashboards:national_xlsx"),
            None,
            False,
        ),
        (
            "consolidated provincial report (page)",
            "bench-so",
            reverse("reporting:consolidated_detail", kwargs={"pk": context["latest_year_id"]}),
            None,
            False,
        ),
    ]


def _timed_gets(client, url: str, runs: int) -> tuple[list[float], int, tuple[float, str]]:
    """Server times of `runs` GETs (ms), the queries of one, and its heaviest SELECT."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    times = []
    queries = 0
    heaviest = (0.0, "")
    for _run in range(runs):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured.captured_queries)
        for query in captured.captured_queries:
            sql = _readable_select(query["sql"])
            if sql and float(query["time"]) * 1000 > heaviest[0]:
                heaviest = (float(query["time"]) * 1000, sql)
    return times, queries, heaviest


def _floor(clients: dict, runs: int) -> dict:
    """The framework floor: an empty page in the site's layout, through the same middleware,
    session and login, for each bench account (the layout's navigation depends on the role),
    timed as the pages are. bench/floor_urls.py adds it to the portal's URLs, here only."""
    from django.test import override_settings
    from django.urls import clear_url_caches

    floors = {}
    with override_settings(ROOT_URLCONF="floor_urls"):
        clear_url_caches()
        try:
            for username, client in clients.items():
                client.get("/__bench__/floor/")
                times, queries, _heaviest = _timed_gets(client, "/__bench__/floor/", runs)
                floors[username] = {
                    "p50_ms": round(statistics.median(times), 1),
                    "p95_ms": round(_percentile(times, 0.95), 1),
                    "queries": queries,
                }
        finally:
            clear_url_caches()
    return floors


def _judgement(p95: float, sql_ms: float | None, floor_ms: float | None, judged: bool, goals):
    """The page against its floor (framework + its SQL) and, for the issue's five, 150 ms."""
    base = (sql_ms or 0) + (floor_ms or 0)
    ratio = round(p95 / base, 2) if base else None
    floor_met = (ratio or 99) <= goals["page_vs_sql"]
    p95_met = p95 <= goals["page_p95_ms"] if judged else None
    return {
        "floor_ms": floor_ms,
        "ratio_p95_to_floor_plus_sql": ratio,
        "floor_goal_met": floor_met,
        "p95_goal_met": p95_met,
        "goal_met": floor_met and p95_met is not False,
    }


def bench_pages(context: dict, size: dict, goals: dict) -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from sxsh_portal.runtime import garbage_collector_tune

    # Pages are timed in this process as a server process serves them: with the collector
    # tuned as wsgi.py tunes it.
    garbage_collector_tune()
    runs = size["runs"]
    results = []
    clients = {}
    measured = []
    for label, username, url, reference, judged in _pages(context, size):
        client = clients.get(username)
        if client is None:
            client = clients[username] = Client()
            client.force_login(get_user_model().objects.get(username=username))
        try:
            response = client.get(url)  # warm caches and the connection
        except Exception as exc:  # a page another change left broken: report, go on
            results.append({"page": label, "url": url, "error": repr(exc)[:200]})
            continue
        if response.status_code != 200:
            results.append({"page": label, "url": url, "error": f"HTTP {response.status_code}"})
            continue
        times, queries, heaviest = _timed_gets(client, url, runs)
        if reference is not None:
            compiled = [queryset.query.sql_with_params() for queryset in reference]
            sql_ms = sum(_time_sql(sql, params, runs) for sql, params in compiled)
            reference_text = " ; ".join(sql for sql, _params in compiled)
        else:
            sql_ms = _time_sql(heaviest[1], None, runs) if heaviest[1] else None
            reference_text = heaviest[1]
        p50 = statistics.median(times)
        p95 = _percentile(times, 0.95)
        # The earlier reading, kept beside the new one: p95 against the SQL alone.
        ratio = round(p95 / sql_ms, 2) if sql_ms else None
        row = {
            "page": label,
            "url": url,
            "user": username,
            "judged": judged,
            "p50_ms": round(p50, 1),
            "p95_ms": round(p95, 1),
            "queries": queries,
            "sql_reference_ms": round(sql_ms, 1) if sql_ms is not None else None,
            "sql_reference": reference_text[:300],
            "sql_reference_kind": "aggregates" if reference is not None else "heaviest",
            "ratio_p95_to_sql": ratio,
        }
        results.append(row)
        measured.append((row, sql_ms))
    floors = _floor(clients, runs)
    for row, sql_ms in measured:
        floor_ms = floors.get(row["user"], {}).get("p95_ms")
        row.update(_judgement(row["p95_ms"], sql_ms, floor_ms, row["judged"], goals))
    return {"pages": results, "floors": floors, "notes": []}
