"""Simulated users for `make bench`: the Ministry and a DOIT browsing, district committees
opening and autosaving their report. Driven by bench/run.py against 127.0.0.1 only.

BENCH_CONTEXT (JSON written by run.py) names the province, years and the units' reports.
"""

from __future__ import annotations

import itertools
import json
import os
import re

from locust import HttpUser, between, events, task
from locust.stats import StatsEntry

CONTEXT = json.loads(os.environ.get("BENCH_CONTEXT", "{}"))
PASSWORD = os.environ.get("BENCH_PASSWORD", "")
UNITS = itertools.cycle(CONTEXT.get("units", []))
# Readers alternate between the Ministry and the DOIT. (`id(self) % 2` used to pick them, but
# object ids are even: every reader was the DOIT and the Ministry's pages went unmeasured.)
READERS = itertools.cycle(["bench-bo", "bench-so"])
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
INPUT = re.compile(r"<input[^>]*>")
TEXTAREA = re.compile(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', re.S)
ATTR = re.compile(r'(name|value|type)="([^"]*)"')


# Each simulated user logs in once, at its start, as officials do. The goal counts these two
# requests with the others; _summary also sums them apart, to read the pages' own times.
LOGIN_REQUESTS = ("login page", "login")


@events.quitting.add_listener
def _summary(environment, **_kwargs):
    """Write the pages' figures without the logins, and the logins' own, to
    BENCH_LOAD_SUMMARY (JSON) for run.py. (A login costs a core 0.2-0.3 s of PBKDF2; its
    load on the server still shows in the pages' times.)"""
    path = os.environ.get("BENCH_LOAD_SUMMARY")
    if not path:
        return
    stats = environment.stats
    groups = {"pages": StatsEntry(stats, "pages", ""), "login": StatsEntry(stats, "login", "")}
    for entry in stats.entries.values():
        groups["login" if entry.name in LOGIN_REQUESTS else "pages"].extend(entry)
    summary = {
        name: {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "requests_per_s": round(entry.total_rps, 1),
            "p50_ms": entry.get_response_time_percentile(0.5),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "max_ms": round(entry.max_response_time),
        }
        for name, entry in groups.items()
    }
    with open(path, "w") as handle:
        json.dump(summary, handle)


def _login(user: HttpUser, username: str) -> None:
    page = user.client.get("/tai-khoan/dang-nhap/", name="login page")
    token = CSRF.search(page.text)
    user.client.post(
        "/tai-khoan/dang-nhap/",
        {
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": token.group(1) if token else "",
        },
        headers={"Referer": user.host + "/tai-khoan/dang-nhap/"},
        name="login",
    )


def _form_fields(html: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for tag in INPUT.findall(html):
        attrs = dict(ATTR.findall(tag))
        if "name" not in attrs or attrs.get("type") in ("submit", "button", "file"):
            continue
        if attrs.get("type") == "checkbox" and "checked" not in tag:
            continue
        fields[attrs["name"]] = attrs.get("value", "")
    for name, text in TEXTAREA.findall(html):
        fields[name] = text
    return fields


class Reader(HttpUser):
    """Ministry and DOIT staff: lists, filtered facilities, consolidations."""

    weight = 3
    wait_time = between(1, 3)

    def on_start(self):
        self.username = next(READERS)
        _login(self, self.username)
        self.page = 1
        # The DOIT works on this year's consolidated report; the Ministry reads only sent
        # ones (a draft answers 404 to it), so it opens the latest the DOIT sent.
        self.consolidated_year = (
            CONTEXT["latest_year_id"]
            if self.username == "bench-so"
            else CONTEXT.get("sent_year_id", CONTEXT["year_id"])
        )

    @task(3)
    def facilities(self):
        self.page = self.page % 40 + 1
        self.client.get(f"/co-so/?status=verified&page={self.page}", name="facility list")

    @task(2)
    def reports(self):
        self.client.get("/bao-cao/", name="report list")

    @task(2)
    def consolidated(self):
        url = f"/bao-cao/nam/{self.consolidated_year}/tong-hop/"
        self.client.get(url, name="consolidated page")

    @task(1)
    def dashboard(self):
        # The navigation's one link: the Ministry lands on the national dashboard, the DOIT on
        # its province's (a redirect, followed and timed as one request).
        self.client.get("/bao-cao/bang-dieu-khien/", name="dashboard")

    @task(1)
    def consolidated_list(self):
        self.client.get("/bao-cao/tong-hop/", name="consolidated list")

    @task(1)
    def home(self):
        self.client.get("/", name="home")


class Unit(HttpUser):
    """A district committee: opens its report and saves the draft as it types."""

    weight = 2
    wait_time = between(1, 3)

    def on_start(self):
        unit = next(UNITS)
        self.report = unit["report"]
        _login(self, unit["username"])

    @task(3)
    def report(self):
        self.client.get(f"/bao-cao/{self.report}/", name="unit report page")

    @task(2)
    def autosave(self):
        page = self.client.get(f"/bao-cao/{self.report}/sua/", name="unit report edit")
        if page.status_code != 200 or "/sua/" not in page.url:
            return  # sent or accepted: nothing to save
        fields = _form_fields(page.text)
        fields["difficulties"] = "Thiếu kinh phí (bench)"
        self.client.post(
            f"/bao-cao/{self.report}/luu-nhap/",
            fields,
            headers={"HX-Request": "true", "Referer": page.url},
            name="unit report autosave",
        )
