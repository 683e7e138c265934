"""Fixed people and places every test can use (made by tests/people.py).

Thanh Hóa (unchanged by the 2025 reform) is the home province; Hà Giang (merged into
Tuyên Quang on 01/07/2025) is "another jurisdiction". One user per role:
ministry, province (Thanh Hóa DOIT), unit (Đông Sơn district people's committee),
facility (a facility representative), outsider (a logged-in user with no role), and
other_province (Hà Giang DOIT) for cross-jurisdiction checks.
"""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests import people

# --- Running in parallel (pytest-xdist; `make test` runs `-n auto --dist loadgroup`) ----------


def pytest_configure(config):
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        _a_redis_cache_db_of_its_own(int(worker.removeprefix("gw")))


def _a_redis_cache_db_of_its_own(worker_number: int) -> None:
    """Each test empties the cache (empty_cache below), and a Redis cache empties its whole
    database: parallel workers sharing one would empty each other's in the middle of a test.
    Worker N takes the Nth database after the configured one (skipping the broker's), in this
    process and in the Celery workers a test starts (they read REDIS_URL)."""
    from django.conf import settings
    from django.test.signals import setting_changed

    cache = settings.CACHES["default"]
    if "Redis" not in cache["BACKEND"] or worker_number == 0:
        return
    url = urlsplit(cache["LOCATION"])
    broker = urlsplit(settings.CELERY_BROKER_URL or "redis://")
    taken = {int(broker.path.strip("/") or 0)} if broker.netloc == url.netloc else set()
    db = int(url.path.strip("/") or 0)
    for _ in range(worker_number):
        db = (db + 1) % 16
        while db in taken:
            db = (db + 1) % 16
    location = urlunsplit(url._replace(path=f"/{db}"))
    cache["LOCATION"] = location
    os.environ["REDIS_URL"] = location
    # Django's own signal for a changed setting drops any cache connection made before.
    setting_changed.send(sender=None, setting="CACHES", value=settings.CACHES, enter=True)


# The files that take longest (`pytest --durations=0`, summed by file), browser tests first.
LONGEST_FIRST = (
    "tests/robustness/test_fuzz.py",
    "tests/test_permission_matrix.py",
    "tests/browser/",
    "tests/sxsh_portal/demo/",
    "tests/reporting/test_access.py",
    "tests/test_api_matrix.py",
    "tests/reporting/dashboards/test_access.py",
)


def _longest_first(item) -> int:
    for rank, prefix in enumerate(LONGEST_FIRST):
        if item.nodeid.startswith(prefix):
            return rank
    return len(LONGEST_FIRST)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # Tests with a real Celery worker run one after another in one xdist worker: they share
    # the broker, and each starts a worker process of its own on a 2-core machine.
    for item in items:
        if item.get_closest_marker("worker"):
            item.add_marker(pytest.mark.xdist_group("celery_worker"))
    # xdist hands out test files in collection order: the longest first, so that the last
    # file a worker takes is a short one and neither worker waits long on the other at the
    # end (stable sort: a file's tests keep their order and their module-scoped world).
    items.sort(key=_longest_first)


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadgroup`, with a test file as the unit of work unless the test names a group:
    a file's module-scoped data (the access tables' worlds) is then built once, by one worker."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class LoadFileOrGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.rfind("@") > nodeid.rfind("]"):
                return nodeid.rsplit("@", 1)[-1]
            return nodeid.split("::", 1)[0]

    return LoadFileOrGroup(config, log)


# --- Every test ----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2's deliberate slowness protects real passwords; test users need none of it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_in_a_temporary_folder(settings, tmp_path):
    # Uploads and generated PDFs of a test must not land in the work tree's media/.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    # Cached dashboard figures are keyed by the registry's revision (newest history ids);
    # a rolled-back test can leave the next one the same ids with other data.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reminder_schedule(db):
    """The reminder schedule the migration loads (14, 7, 1 days before, 1 after). A test that
    flushes the database (live server, transaction=True) removes it for the tests its worker
    runs next, so the tests that send reminders put it back."""
    from reporting.models import ReminderStep

    for days in (14, 7, 1, -1):
        ReminderStep.objects.get_or_create(days_before=days)


@pytest.fixture
def thanh_hoa(db):
    return people.thanh_hoa()


@pytest.fixture
def thanh_hoa_today(thanh_hoa):
    return thanh_hoa.successors.get()


@pytest.fixture
def ha_giang(db):
    return people.ha_giang()


@pytest.fixture
def dong_son(thanh_hoa):
    return people.dong_son(thanh_hoa)


@pytest.fixture
def moit(db):
    return people.moit()


@pytest.fixture
def thanh_hoa_doit(thanh_hoa_today):
    return people.thanh_hoa_doit(thanh_hoa_today)


@pytest.fixture
def ha_giang_doit(ha_giang):
    return people.ha_giang_doit(ha_giang)


@pytest.fixture
def dong_son_committee(thanh_hoa, dong_son):
    return people.dong_son_committee(thanh_hoa, dong_son)


@pytest.fixture
def ministry_user(moit):
    return people.ministry_user(moit)


@pytest.fixture
def province_user(thanh_hoa_doit):
    return people.province_user(thanh_hoa_doit)


@pytest.fixture
def other_province_user(ha_giang_doit):
    return people.other_province_user(ha_giang_doit)


@pytest.fixture
def unit_user(dong_son_committee):
    return people.unit_user(dong_son_committee)


@pytest.fixture
def facility_user(db):
    return people.facility_user()


@pytest.fixture
def outsider_user(db):
    return people.outsider_user()


@pytest.fixture
def client_as(client):
    """Log the test client in as a given user: client_as(province_user)."""

    def login(user):
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return login


@pytest.fixture
def users_by_role(
    ministry_user, province_user, other_province_user, unit_user, facility_user, outsider_user
):
    """One user per role, by the names the permission matrices use (None: anonymous)."""
    return {
        "anonymous": None,
        "ministry": ministry_user,
        "province": province_user,
        "other_province": other_province_user,
        "unit": unit_user,
        "facility": facility_user,
        "outsider": outsider_user,
    }
