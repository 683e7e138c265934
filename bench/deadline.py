"""The deadline day (15/12), for locust: commune committees type into their report (the page's
htmx autosave every 10-20 s: the form's fields and hidden version to /bao-cao/<id>/luu-nhap/,
the answer's out-of-band version kept for the next save), then send it (`confirmed=1`); each
province's DOIT accepts what arrives; the Ministry watches the national dashboard.

Driven by bench/deadline_day.py against 127.0.0.1 only. BENCH_DEADLINE_CONTEXT names a JSON
file (the users, their reports and sessions, the pace); what every user last saved, sent and
accepted is written to BENCH_DEADLINE_RECORD when locust quits, for the check."""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, events, task

_path = os.environ.get("BENCH_DEADLINE_CONTEXT")
CONTEXT = (
    json.loads(Path(_path).read_text()) if _path else {"units": [], "doits": [], "ministry": []}
)
PACE = CONTEXT.get("pace", {"wait": (10, 20), "saves": (4, 8), "doit_wait": (3, 8)})
YEAR = CONTEXT.get("year")
UNITS = iter(CONTEXT["units"])
DOITS = iter(CONTEXT["doits"])
MINISTRY = itertools.cycle(CONTEXT["ministry"] or [{"session": ""}])

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
INPUT = re.compile(r"<input[^>]*>")
TEXTAREA = re.compile(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', re.S)
SELECT = re.compile(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', re.S)
SELECTED = re.compile(r'<option value="([^"]*)" selected')
ATTR = re.compile(r'(name|value|type|id)="([^"]*)"')
# The autosave's answer replaces the form's hidden version out of band.
SAVED_VERSION = re.compile(r'<input type="hidden" name="version" value="(\d+)" id="id_version"')
SUBMITTED = re.compile(r'href="/bao-cao/(\d+)/"')

# {report id: what its user last saved (confirmed by the answer), how often, sent or not}
RECORD: dict = {"units": {}, "accepted": []}


@events.quitting.add_listener
def _record(environment, **_kwargs):
    path = os.environ.get("BENCH_DEADLINE_RECORD")
    if path:
        with open(path, "w") as handle:
            json.dump(RECORD, handle)


def _form_fields(html: str) -> dict[str, str]:
    """The report form's fields as the browser would post them (the edit form only)."""
    form = html.split('id="report-form"', 1)[-1].split("</form>", 1)[0]
    fields: dict[str, str] = {}
    for tag in INPUT.findall(form):
        attrs = dict(ATTR.findall(tag))
        if "name" not in attrs or attrs.get("type") in ("submit", "button", "file"):
            continue
        fields[attrs["name"]] = attrs.get("value", "")
    for name, text in TEXTAREA.findall(form):
        fields[name] = text
    for name, options in SELECT.findall(form):
        chosen = SELECTED.search(options)
        fields[name] = chosen.group(1) if chosen else ""
    token = CSRF.search(html)
    fields["csrfmiddlewaretoken"] = token.group(1) if token else ""
    return fields


class Commune(HttpUser):
    """A commune committee on 15/12: its report open, autosaving as it types, then sent."""

    fixed_count = len(CONTEXT["units"])
    wait_time = between(*PACE["wait"])

    def on_start(self):
        unit = next(UNITS)
        self.report = unit["report"]
        self.client.cookies.set("sessionid", unit["session"])
        self.row = RECORD["units"].setdefault(
            str(self.report), {"saves": 0, "saved": None, "submitted": False}
        )
        self.saves_left = random.randint(*PACE["saves"])
        self.typed = 0
        self.fields = None

    def _open(self) -> bool:
        with self.client.get(
            f"/bao-cao/{self.report}/sua/", name="deadline: report edit page", catch_response=True
        ) as page:
            if page.status_code != 200 or "/sua/" not in page.url:
                page.failure(f"not the edit form: {page.status_code} {page.url}")
                return False
            self.fields = _form_fields(page.text)
        return True

    @task
    def work(self):
        if self.row["submitted"]:
            self.client.get(f"/bao-cao/{self.report}/", name="deadline: report page (sent)")
        elif self.fields is None:
            self._open()
        elif self.saves_left > 0:
            self._autosave()
        else:
            self._submit()

    def _autosave(self):
        self.typed += 1
        officers = random.randint(1, 40)
        typed = {
            "value_officers": str(officers),
            "value_officers_trained": str(random.randint(0, officers)),
            "value_saving_vnd": str(random.randint(1, 10**9)),
        }
        difficulties = f"Thiếu kinh phí hỗ trợ doanh nghiệp (lần {self.typed})"
        fields = {**self.fields, **typed, "difficulties": difficulties}
        with self.client.post(
            f"/bao-cao/{self.report}/luu-nhap/",
            fields,
            headers={"HX-Request": "true", "HX-Target": "autosave-status"},
            name="deadline: autosave",
            catch_response=True,
        ) as answer:
            version = SAVED_VERSION.search(answer.text or "")
            if answer.status_code != 200 or version is None:
                # The save may or may not have been stored: the check then reads neither way.
                self.row["uncertain"] = answer.status_code != 200
                answer.failure(f"not saved: {answer.status_code} {(answer.text or '')[:160]}")
                return
        self.fields.update(typed, difficulties=difficulties, version=version.group(1))
        self.row["saves"] += 1
        self.row["saved"] = {
            "values": {name.removeprefix("value_"): value for name, value in typed.items()},
            "difficulties": difficulties,
        }
        self.saves_left -= 1

    def _submit(self):
        # A send whose answer is cut off when the run stops may have been stored or not.
        self.row["sending"] = True
        with self.client.post(
            f"/bao-cao/{self.report}/gui/",
            {
                "version": self.fields["version"],
                "confirmed": "1",
                "csrfmiddlewaretoken": self.fields["csrfmiddlewaretoken"],
            },
            name="deadline: send report",
            catch_response=True,
        ) as answer:
            # Sent: the report's page; a stale version would lead back to the edit form.
            if answer.status_code != 200 or not answer.url.endswith(f"/bao-cao/{self.report}/"):
                self.row["uncertain"] = answer.status_code != 200
                answer.failure(f"not sent: {answer.status_code} {answer.url}")
                return
        self.row["submitted"] = True


class Doit(HttpUser):
    """A province's DOIT: the reports sent to it, one opened and accepted at a time."""

    fixed_count = len(CONTEXT["doits"])
    wait_time = between(*PACE["doit_wait"])

    def on_start(self):
        doit = next(DOITS)
        self.client.cookies.set("sessionid", doit["session"])
        self.rounds = 0

    @task
    def review(self):
        self.rounds += 1
        if self.rounds % 5 == 0:
            self.client.get("/bao-cao/bang-dieu-khien/", name="deadline: provincial dashboard")
            return
        listing = self.client.get(
            f"/bao-cao/?year={YEAR}&state=submitted", name="deadline: DOIT list of sent reports"
        )
        waiting = SUBMITTED.findall(listing.text or "")
        if not waiting:
            return
        report = random.choice(waiting)
        page = self.client.get(f"/bao-cao/{report}/", name="deadline: DOIT report page")
        token = CSRF.search(page.text or "")
        with self.client.post(
            f"/bao-cao/{report}/chap-nhan/",
            {"confirmed": "1", "csrfmiddlewaretoken": token.group(1) if token else ""},
            name="deadline: DOIT accept",
            catch_response=True,
        ) as answer:
            if answer.status_code != 200 or not answer.url.endswith(f"/bao-cao/{report}/"):
                answer.failure(f"not accepted: {answer.status_code} {answer.url}")
                return
        RECORD["accepted"].append(int(report))


class Ministry(HttpUser):
    """The Ministry watching the day on the national dashboard."""

    fixed_count = len(CONTEXT["ministry"])
    wait_time = between(5, 10)

    def on_start(self):
        self.client.cookies.set("sessionid", next(MINISTRY)["session"])

    @task
    def dashboard(self):
        self.client.get("/bao-cao/bang-dieu-khien/", name="deadline: national dashboard")
