"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every test in this folder is marked `browser` and skipped when /usr/bin/chromium is missing
(`apt-get install chromium`; .ci/run installs it). Playwright's own browser downloads are never
used: do not run `playwright install`.

Fixtures for a test:
- browser_page: a fresh page (own cookies) in the shared browser; a screenshot of it is saved
  to tests/artifacts/screenshots/<test name>.png when the test ends, passed or failed;
- url_for("app:name", *args, **kwargs): the live server's absolute URL of a named route;
- log_in(user): logs the page in through the real login form (password DEMO_PASSWORD);
- screenshot("label"): an extra screenshot in the middle of a test;
- page_errors: the JavaScript errors the page raised (assert it is empty).

Data made in a test (factories, the fixtures of tests/conftest.py) is committed, because the
live server reads it from another thread: using live_server gives the test a transactional db.
"""

import contextlib
import os
import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import DEMO_PASSWORD

CHROMIUM = Path(os.environ.get("SXSH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    # Runs as root in CI containers, where Chromium's sandbox cannot start.
    "--no-sandbox",
    "--disable-gpu",
    # /dev/shm is tiny in containers; Chromium crashes on big pages without this.
    "--disable-dev-shm-usage",
    # No calls home: the machines reach package registries only.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"
BROWSER_TESTS = Path(__file__).resolve().parent
DEFAULT_TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(items):
    # Hooks of a conftest see the whole session's items: mark only the ones in this folder, so
    # that a new browser test cannot forget the marker (`pytest -m "not browser"`).
    for item in items:
        if BROWSER_TESTS in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def _playwright() -> Iterator:
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an asyncio event loop running in this thread, and Django
        # then refuses every ORM call from the test ("SynchronousOnlyOperation"), although the
        # test itself is plain synchronous code. The standard workaround is to allow it for as
        # long as Playwright runs.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        playwright = sync_api.sync_playwright().start()
        try:
            yield playwright
        finally:
            playwright.stop()


@pytest.fixture(scope="session")
def browser(_playwright) -> Iterator:
    browser = _playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def page_errors() -> list[str]:
    return []


@pytest.fixture
def browser_page(browser, live_server, request, page_errors) -> Iterator:
    # An English-language browser, like most officials' machines: the portal must still open
    # in Vietnamese. Wide enough that the navbar is expanded (not behind the burger menu).
    context = browser.new_context(
        locale="en-US",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()
    page.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    try:
        yield page
    finally:
        try:
            _save_screenshot(page, request.node.name)
        except Exception as error:
            # A page that crashed cannot be photographed; the test's own failure matters more.
            warnings.warn(f"no screenshot of {request.node.name}: {error}", stacklevel=1)
        finally:
            context.close()


@pytest.fixture
def screenshot(browser_page, request) -> Callable[[str], Path]:
    def take(label: str) -> Path:
        return _save_screenshot(browser_page, f"{request.node.name}-{label}")

    return take


@pytest.fixture
def url_for(live_server) -> Callable[..., str]:
    def absolute_url(name: str, *args, **kwargs) -> str:
        return live_server.url + reverse(name, args=args or None, kwargs=kwargs or None)

    return absolute_url


@pytest.fixture
def log_in(browser_page, url_for) -> Callable:
    """log_in(user) fills in and submits the login form; fails the test if it is refused."""

    def submit_login_form(user, password: str = DEMO_PASSWORD):
        from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

        page = browser_page
        login_url = url_for("accounts:login")
        # Leave the previous page first: a status fragment it was still polling could answer
        # after the login page and replace the CSRF cookie the login form was rendered with.
        page.goto("about:blank")
        page.goto(login_url)
        form = page.locator("#content form").filter(has=page.locator("input[name=password]"))
        form.locator("input[name=username]").fill(user.username)
        form.locator("input[name=password]").fill(password)
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
        refusal = page.locator("#content .alert, #content .invalid-feedback")
        if page.url.split("?")[0] == login_url and not refusal.count():
            # On a loaded machine the navigation awaited may be the login page's own late
            # load; the answer to the form is the next one (a refusal stays on this page, with
            # its message: no need to wait for it).
            with contextlib.suppress(PlaywrightTimeoutError):
                page.wait_for_url(lambda url: url.split("?")[0] != login_url, timeout=5_000)
        if page.url.split("?")[0] == login_url:
            refused = refusal.all_inner_texts() or [page.title()]
            raise AssertionError(f"login as {user.username} was refused: {refused}")
        return page

    return submit_login_form


def _save_screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
