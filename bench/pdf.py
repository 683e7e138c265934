"""`make bench`, step 2: the consolidated-report PDF against WeasyPrint rendering a static HTML
file of as many pages with the same fonts, and the 34-province batch on a real worker."""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import tempfile
import time

from shared import BASE_DIR, GOALS, TMP_DIR, log, peak_mb, worker_run

# The portal's PDF fonts (static/fonts, as templates/pdf/base_document.html declares them):
# without them the reference would fall back to whatever serif the system has.
_REFERENCE_FONTS = "".join(
    f"@font-face{{font-family:'Noto Serif';{style}src:url('fonts/noto/NotoSerif-{name}.ttf')}}"
    for name, style in (
        ("Regular", ""),
        ("Bold", "font-weight:bold;"),
        ("Italic", "font-style:italic;"),
        ("BoldItalic", "font-weight:bold;font-style:italic;"),
    )
)


def _static_html(pages: int) -> str:
    """Exactly `pages` A4 pages in the portal's four Noto Serif faces: a table of 30 rows per
    page (fewer than fit), each page's after a page break, so that the reference is as long
    as the portal's PDF."""

    def rows(page: int) -> str:
        return "".join(
            f"<tr><td>{i}</td><td>UBND huyện số {i}</td><td>{i * 37 % 500}</td>"
            f"<td>{i * 13 % 100},{i % 10}%</td><td><i>Đã chấp nhận</i></td></tr>"
            for i in range(page * 30, (page + 1) * 30)
        )

    tables = "".join(
        f"<table><tr><th>TT</th><th>Đơn vị</th><th>Số cơ sở</th><th>Tỷ lệ</th>"
        f"<th><b><i>Trạng thái</i></b></th></tr>{rows(page)}</table>"
        for page in range(pages)
    )
    return (
        f"<html><head><meta charset='utf-8'><style>{_REFERENCE_FONTS} @page{{size:A4}}"
        "body{font-family:'Noto Serif',serif;font-size:11pt} table{width:100%;"
        "border-collapse:collapse} td,th{border:1px solid #999;padding:2px}"
        " table+table{break-before:page}</style></head><body>"
        f"<h1>BÁO CÁO TỔNG HỢP KẾT QUẢ THỰC HIỆN SXSH</h1>{tables}</body></html>"
    )


def worker_pdf_reference(pages: str) -> dict:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    html = _static_html(int(pages))
    started = time.perf_counter()
    document = HTML(string=html, base_url=str(BASE_DIR / "static") + "/").render(
        font_config=FontConfiguration()
    )
    document.write_pdf()
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 2),
        "peak_mb": round(peak_mb(), 1),
        "pages": len(document.pages),
    }


def worker_pdf_portal(year_id: str, username: str) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from sxsh_portal.documents.models import GeneratedDocument

    # Imported before the clock starts, as the reference does and as a worker that has
    # rendered once has it (the portal imports WeasyPrint lazily: about 0.4 s, once).
    __import__("weasyprint")

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    url = reverse(_pdf_url_name(), kwargs={"pk": int(year_id)})
    before = GeneratedDocument.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    # Celery runs eagerly here: the POST renders the document in this process, as a worker.
    started = time.perf_counter()
    response = client.post(url)
    seconds = time.perf_counter() - started
    created = GeneratedDocument.objects.filter(pk__gt=before)
    pages = None
    document = created.first()
    if document is not None and document.file:
        pages = _pdf_pages(document.file.read())
    # The next run must render again, not find this one ready; nothing is left behind.
    ids = list(created.values_list("pk", flat=True))
    for made in created:
        made.file.delete(save=False)
    created.delete()
    GeneratedDocument.history.filter(id__in=ids).delete()
    return {
        "seconds": round(seconds, 2),
        "peak_mb": round(peak_mb(), 1),
        "status": response.status_code if response.status_code != 302 else 200,
        "pages": pages,
        "url": url,
    }


def _pdf_pages(content: bytes) -> int | None:
    if shutil.which("pdfinfo") is None:  # poppler-utils
        return None
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True, check=False)
    match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)
    return int(match.group(1)) if match else None


def _pdf_url_name() -> str | None:
    from django.urls import get_resolver

    resolver = get_resolver()
    namespace = resolver.namespace_dict.get("reporting")
    if namespace is None:
        return None
    names = [
        name
        for name in namespace[1].reverse_dict
        if isinstance(name, str) and "consolidated" in name and "pdf" in name
    ]
    return f"reporting:{sorted(names)[0]}" if names else None


def bench_pdf(context: dict, size: dict, env: dict) -> dict:
    runs = max(3, min(5, size["runs"]))
    result: dict = {}
    portal, good, reference = [], [], []
    has_url = _pdf_url_name() is not None
    if not has_url:
        result["note"] = "no consolidated PDF URL in the reporting namespace yet: skipped"
    # Portal and reference runs alternate, so that a busy spell on a shared machine weighs on
    # both. The reference: a static HTML file of the same size, i.e. as many pages as the
    # portal's PDF (the "about 20" when that is unknown).
    for _run in range(runs):
        if has_url:
            portal.append(worker_run("pdf-portal", str(context["year_id"]), "bench-so", env=env))
            good = [r for r in portal if "error" not in r and r.get("status") == 200]
        pages = (good[0]["pages"] if good else None) or 20
        reference.append(worker_run("pdf-reference", str(pages), env=env))
    if portal and not good:
        result["error"] = (portal[0].get("error") or f"HTTP {portal[0].get('status')}")[-500:]
    reference = [r for r in reference if "error" not in r]
    result.update(
        reference_seconds=statistics.median(r["seconds"] for r in reference) if reference else None,
        reference_peak_mb=max(r["peak_mb"] for r in reference) if reference else None,
        reference_pages=reference[0]["pages"] if reference else None,
    )
    if good:
        seconds = statistics.median(r["seconds"] for r in good)
        result.update(
            seconds=seconds,
            peak_mb=max(r["peak_mb"] for r in good),
            pages=good[0]["pages"],
            ratio_to_reference=round(seconds / result["reference_seconds"], 2)
            if result["reference_seconds"]
            else None,
        )
        result["goal_met"] = (
            seconds <= GOALS["pdf_seconds"]
            and result["peak_mb"] <= GOALS["pdf_peak_mb"]
            and (result["ratio_to_reference"] or 99) <= GOALS["pdf_vs_reference"]
        )
    result["batch"] = bench_pdf_batch(size, env)
    return result


def bench_pdf_batch(size: dict, env: dict) -> dict:
    """The consolidated PDF of every province's reporting year of the last year (2025) through
    `consolidated_pdfs_generate` and one real worker with 2 pool processes (bench/pdf_batch.py):
    the 34 provinces from 2025."""
    from pdf_batch import measure

    year = int(size["years"].split("-")[-1])
    runs = 3
    log(f"PDF batch {year}: 1 worker, 2 processes, {runs} runs …")
    measured = [
        measure(
            year=year,
            env=env,
            base_dir=BASE_DIR,
            tmp_dir=TMP_DIR,
            timeout_s=900 if size["provinces"] is None else 180,
        )
        for _run in range(runs)
    ]
    good = [batch for batch in measured if "wall_seconds" in batch]
    if not good:
        return measured[0]
    # The run of median wall time, with the highest peaks of all runs.
    batch = sorted(good, key=lambda run: run["wall_seconds"])[len(good) // 2]
    batch["runs"] = len(good)
    batch["wall_seconds_all"] = [run["wall_seconds"] for run in good]
    batch["worker_peak_mb"] = sorted(
        {peak for run in good for peak in run["worker_peak_mb"]}, reverse=True
    )[:2]
    batch["failed"] = sum(run["failed"] for run in good)
    batch["goal_met"] = batch["failed"] == 0 and all(
        peak <= GOALS["pdf_peak_mb"] for peak in batch["worker_peak_mb"]
    )
    return batch
