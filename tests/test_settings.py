"""settings.py chooses the set-up from the environment.

Each case loads the settings in a fresh interpreter, because settings are read once per process
and the test process already has its own.
"""

import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.utils import formats, translation

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = ROOT / "sxsh_portal" / "settings.py"


# Loading settings.py alone: the choices and refusals are made there, and the apps (about
# two seconds of imports a case) have nothing to add to them.
LOAD_SETTINGS = "from django.conf import settings; settings.INSTALLED_APPS"

_PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SECRET_KEY": settings.SECRET_KEY,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "DATABASE_ENGINE": settings.DATABASES["default"]["ENGINE"],
    "DATABASE_HOST": settings.DATABASES["default"].get("HOST", ""),
    "DATABASE_NAME": str(settings.DATABASES["default"]["NAME"]),
    "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    "CELERY_RESULT_BACKEND": settings.CELERY_RESULT_BACKEND,
    "CELERY_TASK_ALWAYS_EAGER": settings.CELERY_TASK_ALWAYS_EAGER,
    "CACHE_BACKEND": settings.CACHES["default"]["BACKEND"],
    "CACHE_LOCATION": settings.CACHES["default"].get("LOCATION", ""),
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "STATICFILES_BACKEND": settings.STORAGES["staticfiles"]["BACKEND"],
}))
"""


def variables_read_by_settings() -> set[str]:
    """Every environment variable settings.py reads (`env.<cast>("NAME", ...)`)."""
    return set(re.findall(r"\benv\.\w+\(\s*\"([A-Z][A-Z0-9_]*)\"", SETTINGS_FILE.read_text()))


def run_django(code: str, environment: dict[str, str]) -> subprocess.CompletedProcess:
    """Run `code` in a new interpreter whose environment holds none of the portal's variables
    except `environment`."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in variables_read_by_settings() and not name.startswith("CELERY_")
    }
    env["DJANGO_SETTINGS_MODULE"] = "sxsh_portal.settings"
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_under(environment: dict[str, str]) -> dict:
    """The settings the portal ends up with in the given environment."""
    result = run_django(_PRINT_SETTINGS, environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_settings_reads_the_variables_these_tests_clear():
    # The clean environment of these tests is built from this list; if the pattern stopped
    # matching, every "nothing set" case below would silently inherit the CI's variables.
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL"} <= (
        variables_read_by_settings()
    )


def test_production_refuses_to_start_without_a_secret_key_and_allowed_hosts():
    result = run_django(LOAD_SETTINGS, {"SXSH_ENV": "production"})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_with_a_secret_key_but_no_allowed_hosts():
    result = run_django(LOAD_SETTINGS, {"SXSH_ENV": "production", "SECRET_KEY": "a-production-key"})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_a_secret_key_and_allowed_hosts():
    result = run_django(
        "import django; django.setup()",
        {
            "SXSH_ENV": "production",
            "SECRET_KEY": "a-production-key",
            "ALLOWED_HOSTS": "sxsh.example.gov.vn",
        },
    )

    assert result.returncode == 0, result.stderr


def test_the_benchmark_mode_serves_loopback_only_and_never_debug():
    for environment in (
        {"SXSH_ENV": "benchmark", "ALLOWED_HOSTS": "sxsh.example.gov.vn"},
        {"SXSH_ENV": "benchmark", "ALLOWED_HOSTS": "127.0.0.1", "DEBUG": "true"},
    ):
        result = run_django(LOAD_SETTINGS, environment)
        assert result.returncode != 0 and "SXSH_ENV=benchmark" in result.stderr, environment

    chosen = settings_under({"SXSH_ENV": "benchmark", "ALLOWED_HOSTS": "127.0.0.1,localhost"})
    assert chosen["DEBUG"] is False


def test_production_uses_the_given_key_and_hosts_with_debug_off():
    chosen = settings_under(
        {
            "SXSH_ENV": "production",
            "SECRET_KEY": "a-production-key",
            "ALLOWED_HOSTS": "sxsh.example.gov.vn,.sxsh.gov.vn",
        }
    )

    assert chosen["DEBUG"] is False
    assert chosen["SECRET_KEY"] == "a-production-key"
    assert chosen["ALLOWED_HOSTS"] == ["sxsh.example.gov.vn", ".sxsh.gov.vn"]
    assert chosen["STATICFILES_BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_with_nothing_set_the_portal_runs_embedded():
    chosen = settings_under({})

    # Users' error pages, not Django's debug pages, unless a developer sets DEBUG=true.
    assert chosen["DEBUG"] is False
    assert chosen["DATABASE_ENGINE"] == "django.db.backends.sqlite3"
    assert chosen["DATABASE_NAME"] == str(ROOT / "db.sqlite3")
    assert chosen["CELERY_TASK_ALWAYS_EAGER"] is True
    assert chosen["CELERY_BROKER_URL"] == "memory://"
    assert chosen["CACHE_BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert chosen["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_with_postgresql_and_redis_configured_the_portal_uses_them_and_a_real_worker():
    chosen = settings_under(
        {
            "DATABASE_URL": "postgres://sxsh:secret@db.internal:5432/sxsh",
            "CELERY_BROKER_URL": "redis://broker.internal:6379/0",
            "REDIS_URL": "redis://broker.internal:6379/1",
        }
    )

    assert chosen["DATABASE_ENGINE"] == "django.db.backends.postgresql"
    assert chosen["DATABASE_HOST"] == "db.internal"
    assert chosen["DATABASE_NAME"] == "sxsh"
    assert chosen["CELERY_TASK_ALWAYS_EAGER"] is False
    assert chosen["CELERY_BROKER_URL"] == "redis://broker.internal:6379/0"
    assert chosen["CACHE_BACKEND"] == "sxsh_portal.resilience.cache.ResilientRedisCache"
    assert chosen["CACHE_LOCATION"] == "redis://broker.internal:6379/1"
    # Without its own variable the result backend shares the cache's Redis.
    assert chosen["CELERY_RESULT_BACKEND"] == "redis://broker.internal:6379/1"


def test_with_a_broker_but_no_redis_url_the_cache_stays_in_process_memory():
    chosen = settings_under({"CELERY_BROKER_URL": "redis://broker.internal:6379/0"})

    assert chosen["CELERY_TASK_ALWAYS_EAGER"] is False
    assert chosen["CACHE_BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_eager_mode_can_be_forced_on_while_a_broker_is_configured():
    # CI runs the general suite this way on Redis and PostgreSQL (see .ci/run).
    chosen = settings_under(
        {"CELERY_BROKER_URL": "redis://broker.internal:6379/0", "CELERY_TASK_ALWAYS_EAGER": "true"}
    )

    assert chosen["CELERY_TASK_ALWAYS_EAGER"] is True


def test_the_portal_speaks_vietnamese_first_in_vietnams_time_zone():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert [code for code, _name in settings.LANGUAGES] == ["vi", "en"]


def test_a_date_is_written_day_month_year_in_vietnamese_and_in_english():
    a_deadline = datetime.date(2026, 12, 15)

    for language in ("vi", "en"):
        with translation.override(language):
            assert formats.date_format(a_deadline, "SHORT_DATE_FORMAT") == "15/12/2026"
            assert formats.date_format(a_deadline) == "15/12/2026"
