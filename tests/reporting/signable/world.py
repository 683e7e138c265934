"""Thanh Hóa 2019 the way issue 15 found it, and how a test reads the consolidated report's
page and PDF. The counts are computed by hand here, from the rows the world makes."""

import datetime
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from reporting import services
from reporting.figures import Figure
from sxsh_portal.documents.pdf import pdf_support_problem

D = Decimal

CAN_RENDER = pdf_support_problem() is None and shutil.which("pdftotext") is not None
needs_pdf_tools = pytest.mark.skipif(
    not CAN_RENDER, reason="WeasyPrint (Pango) or poppler-utils is not installed"
)

# (facilities, aware, applying) of the three received units that give figures.
FIGURES = {"A": (60, 45, 30), "B": (40, 25, 10), "C": (5, 2, 0)}
# Hand-computed: Σ applying / Σ facilities = 40 / 105 = 38,095…% → 38,1%;
# Σ aware / Σ facilities = 72 / 105 = 68,571…% → 68,57%.
APPLYING = ("40", "105", "38,1%")
AWARE = ("72", "105", "68,57%")
HAND = {"expected": 26, "received": 21, "on_time": 20, "late": 1}
HAND |= {"returned": 1, "draft": 2, "not_started": 2}


def save_figures(report, actor, **figures):
    return services.unit_report_save(
        report=report,
        actor=actor,
        expected_version=report.version,
        reported_values={Figure(name).value: D(value) for name, value in figures.items()},
        difficulties="",
        proposals="",
    )


def add_activities(report, actor):
    """5 workshops and 5 trainings reaching 53 enterprises: the chart's 5, 5 and 53."""
    for number in range(5):
        services.activity_create(
            report=report,
            actor=actor,
            kind="workshop",
            date=datetime.date(2019, 3, 1 + number),
            title=f"Hội thảo {number + 1}",
            funding_source="provincial_budget",
        )
        services.activity_create(
            report=report,
            actor=actor,
            kind="training",
            date=datetime.date(2019, 4, 1 + number),
            title=f"Tập huấn {number + 1}",
            enterprises_reached=13 if number == 0 else 10,
            funding_source="provincial_budget",
        )


def consolidated_page(client, reporting_year):
    response = client.get(reverse("reporting:consolidated_detail", args=[reporting_year.pk]))
    assert response.status_code == 200
    return response.content.decode()


def page_counts(html: str) -> dict:
    tag = re.search(r'<span class="report-counts"([^>]*)>', html).group(1)
    found = dict(re.findall(r'data-([a-z-]+)="(\d+)"', tag))
    return {key.replace("-", "_"): int(value) for key, value in found.items()}


def consolidated_pdf(reporting_year, tmp_path, django_capture_on_commit_callbacks) -> bytes:
    with django_capture_on_commit_callbacks(execute=True):
        document = services.consolidated_pdf_request(reporting_year=reporting_year, actor=None)
    document.refresh_from_db()
    assert document.is_done, document.failure_reason
    path = tmp_path / "consolidated.pdf"
    path.write_bytes(document.file.read())
    return path


def pdf_text(path) -> str:
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    return " ".join(result.stdout.split())
