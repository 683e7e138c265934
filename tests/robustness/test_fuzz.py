"""Hostile input everywhere: every form of every page and every query parameter of every
list, as each role, with empty, very long, control-character, NUL, right-to-left, huge and
non-finite numbers, impossible dates and HTML. No answer may be a server error, and a
refused submission must leave nothing written behind it.

The pages are discovered, not listed: each role starts from the home page and the
parameterless URL patterns and follows every link and htmx URL of the portal it is shown;
the forms are read from the pages as a browser would (tests/html_forms.py). A fixed seed
makes every run submit the same values.
"""

from __future__ import annotations

import random
import re
import time
from collections import deque
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from tests.html_forms import HtmlForm, page_forms

SEED = 20261204
LONG = "Đ" * 70_000
BAD_VALUES = [
    "",
    " ",
    "\x00",
    "ab\x00cd",
    "\x01\x02\x07\x1b\x7f",
    "\u202e\u200fسلام\u202c",
    "<script>alert(1)</script><b>đậm</b>",
    LONG,
    "9" * 40,
    "99999999999999999999",
    "-99999999999999999999",
    "1e309",
    "-1e309",
    "NaN",
    "Infinity",
    "-inf",
    "1.7976931348623157e+309",
    "0x1F",
    "-1",
    "1.234.567,89,1",
    "31/02/2025",
    "2025-02-30",
    "00/00/0000",
    "32/13/99999",
    "' OR 1=1 --",
    "🙂" * 5,
]
# Longer than any field of the portal (4,000 characters at most, 10,000 in the API) and than
# any request line a proxy passes on (gunicorn refuses one over 4,094 bytes, nginx over 8 KB):
# percent-encoding and decoding the 70,000 of LONG for every parameter of every list, in pure
# Python, was half of this test's time.
LONG_IN_QUERY = "Đ" * 5_000
# Every query parameter gets these, and a sample of the others (forms get all of them).
ALWAYS_IN_QUERIES = [LONG_IN_QUERY, "99999999999999999999", "ab\x00cd", "1e309"]
QUERY_ROUNDS = 1
QUERY_PARAMETERS = [
    "page",
    "q",
    "sort",
    "order",
    "year",
    "province",
    "unit",
    "admin_unit",
    "sector",
    "status",
]
PAGES_PER_ROUTE = 1
SKIP_ROUTES = {"accounts:logout", "set_language", "javascript-catalog"}
# Writes a refused request may make: the session and the login-failure records.
BOOKKEEPING_TABLES = ("django_session", "axes_")


def _parameterless_urls(resolver=None, prefix="") -> list[str]:
    resolver = resolver or get_resolver()
    urls = []
    for pattern in resolver.url_patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith("admin/"):
                continue
            urls += _parameterless_urls(pattern, prefix + route)
        elif isinstance(pattern, URLPattern) and "<" not in route and "(" not in route:
            urls.append("/" + prefix + route.lstrip("^").rstrip("$"))
    return urls


def _route(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name


def _is_portal_link(url: str) -> bool:
    path = urlsplit(url).path
    return (
        url.startswith("/")
        and not path.startswith(("/static/", "/media/", "/admin/"))
        and not path.endswith(".pdf")
        and _route(url) not in SKIP_ROUTES
    )


LINK = re.compile(r'(?:href|hx-get)="([^"#]+)"')


class WriteLog:
    """The writes that stay in the transaction (savepoints rolled back are forgotten)."""

    def __init__(self):
        self.writes: list[str] = []
        self.savepoints: list[tuple[str, int]] = []

    def __call__(self, execute, sql, params, many, context):
        statement = sql.lstrip().upper()
        if statement.startswith("SAVEPOINT"):
            self.savepoints.append((statement.split()[1], len(self.writes)))
        elif statement.startswith("ROLLBACK TO SAVEPOINT"):
            name = statement.split()[3]
            while self.savepoints:
                sid, size = self.savepoints[-1]
                del self.writes[size:]
                if sid == name:
                    break
                self.savepoints.pop()
        elif statement.startswith("RELEASE SAVEPOINT"):
            name = statement.split()[2]
            while self.savepoints and self.savepoints.pop()[0] != name:
                pass
        elif statement.startswith(("INSERT", "UPDATE", "DELETE")):
            table = re.search(r'(?:INTO|UPDATE|FROM)\s+"?(\w+)', sql, re.IGNORECASE)
            name = table.group(1) if table else sql[:40]
            if not name.startswith(BOOKKEEPING_TABLES):
                self.writes.append(name)
        return execute(sql, params, many, context)


class Fuzzer:
    def __init__(self, client: Client, role: str):
        self.client = client
        self.role = role
        self.rng = random.Random(f"{SEED}-{role}")
        self.failures: list[str] = []
        self.pages: dict[str, str] = {}  # url -> html
        self.requests = 0
        # Accepted submissions that wrote: proof that the write log sees the writes.
        self.accepted_with_writes = 0

    # ---------------------------------------------------------------- requests

    def _check(self, response, what: str) -> None:
        self.requests += 1
        if response.status_code >= 500:
            self.failures.append(f"{self.role}: {what} -> {response.status_code}")

    def get(self, url: str):
        try:
            response = self.client.get(url)
        except Exception as error:  # the test client re-raises a view's exception
            self.failures.append(f"{self.role}: GET {url[:200]} raised {error!r:.300}")
            return None
        self._check(response, f"GET {url[:200]}")
        return response

    def post(self, url: str, data: dict, what: str):
        log = WriteLog()
        try:
            with connection.execute_wrapper(log):
                response = self.client.post(url, data)
        except Exception as error:
            self.failures.append(f"{self.role}: POST {url} {what} raised {error!r:.300}")
            return None
        self._check(response, f"POST {url} {what}")
        refused = response.status_code not in (301, 302, 303) and response.status_code < 500
        if not refused and log.writes:
            self.accepted_with_writes += 1
        if refused and log.writes:
            self.failures.append(
                f"{self.role}: POST {url} {what} answered {response.status_code} but wrote "
                f"{sorted(set(log.writes))}"
            )
        return response

    # ---------------------------------------------------------------- discovery

    def crawl(self, start: list[str], limit: int = 120) -> None:
        seen_routes: dict[str, int] = {}
        queue = deque(start)
        visited = set()
        while queue and len(self.pages) < limit:
            url = queue.popleft()
            if url in visited or not _is_portal_link(url):
                continue
            visited.add(url)
            route = _route(url)
            if route is None or seen_routes.get(route, 0) >= PAGES_PER_ROUTE:
                continue
            response = self.get(url)
            if response is None or response.status_code != 200:
                continue
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            seen_routes[route] = seen_routes.get(route, 0) + 1
            html = response.content.decode()
            self.pages[url] = html
            for link in LINK.findall(html):
                link = urljoin(url, link.replace("&amp;", "&"))
                if link not in visited:
                    queue.append(link)

    # ---------------------------------------------------------------- fuzzing

    def _bad_data(self, form: HtmlForm, value_for) -> dict:
        data = dict(form.values)
        files = {}
        for name, kind in form.kinds.items():
            if name == "csrfmiddlewaretoken" or kind == "submit":
                continue
            if kind == "file":
                files[name] = SimpleUploadedFile(
                    "tep.xlsx", value_for(name).encode("utf-8", "surrogatepass")[:4096]
                )
            else:
                data[name] = value_for(name)
        data.update(files)
        return data

    def fuzz_forms(self, done: set) -> None:
        for url, html in list(self.pages.items()):
            for form in page_forms(html):
                if not form.is_post:
                    continue
                for action in filter(None, {form.action or url, form.hx_post}):
                    action = urljoin(url, action)
                    route = _route(action)
                    if route in SKIP_ROUTES or (self.role, route) in done:
                        continue
                    done.add((self.role, route))
                    self._fuzz_form(action, form)

    def _fuzz_form(self, action: str, form: HtmlForm) -> None:
        for value in BAD_VALUES:
            self.post(action, self._bad_data(form, lambda _name, v=value: v), repr(value[:20]))
        for round_ in range(2):
            self.post(
                action,
                self._bad_data(form, lambda _name: self.rng.choice(BAD_VALUES)),
                f"mixed round {round_}",
            )

    def fuzz_queries(self) -> None:
        for url, html in self.pages.items():
            names = set(QUERY_PARAMETERS)
            for form in page_forms(html):
                if not form.is_post:
                    names |= set(form.kinds) - {"csrfmiddlewaretoken"}
            base = url.split("?")[0]
            others = [value for value in BAD_VALUES if value not in [LONG, *ALWAYS_IN_QUERIES]]
            for value in ALWAYS_IN_QUERIES + self.rng.sample(others, QUERY_ROUNDS):
                self.get(f"{base}?{urlencode(dict.fromkeys(sorted(names), value))}")


ROLES = ("anonymous", "ministry", "province", "unit", "facility")
# Somewhat fewer forms than each role's crawl reached when this was written (4, 17, 24, 17, 8): the
# check that the crawl still reaches them (a crawl that found nothing would pass the rest).
FORMS_AT_LEAST = {"anonymous": 3, "ministry": 14, "province": 20, "unit": 14, "facility": 6}


# One test a role, each its own unit of work for xdist (the roles' crawls are independent).
@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [pytest.param(role, marks=pytest.mark.xdist_group(f"fuzz-{role}")) for role in ROLES]
)
def test_no_form_and_no_list_answers_a_server_error_to_hostile_input(world, role):
    user = world[role]
    client = Client(raise_request_exception=True)
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    fuzzer = Fuzzer(client, role)
    done: set = set()
    t0 = time.monotonic()
    fuzzer.crawl(["/", *_parameterless_urls()])
    t1 = time.monotonic()
    fuzzer.fuzz_queries()
    t2 = time.monotonic()
    fuzzer.fuzz_forms(done)
    t3 = time.monotonic()
    print(
        f"{role}: {len(fuzzer.pages)} pages {t1 - t0:.1f}s, queries {t2 - t1:.1f}s, "
        f"{len(done)} forms {t3 - t2:.1f}s, {fuzzer.requests} requests, "
        f"{fuzzer.accepted_with_writes} accepted with writes"
    )
    assert not fuzzer.failures, "\n".join(fuzzer.failures[:60])
    assert len(done) >= FORMS_AT_LEAST[role]
    if user is not None:
        # An accepted submission that wrote: proof that the write log sees the writes (a
        # visitor's forms — login, registration, password reset — accept none of these values).
        assert fuzzer.accepted_with_writes > 0


@pytest.mark.django_db
def test_a_username_longer_than_any_account_is_refused_by_the_login_form(client):
    # django-axes records a failed login in a 255-character column: on PostgreSQL a longer
    # username was a server error before the form refused it.
    response = client.post("/tai-khoan/dang-nhap/", {"username": LONG, "password": "x"})

    assert response.status_code == 200
    assert response.context["form"].errors["username"]
