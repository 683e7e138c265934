"""Settings for SXSH Portal, read from the environment (django-environ).

With nothing set the portal runs embedded: SQLite file, Celery eager, console e-mail, DEBUG off
(a developer asks for debug pages with DEBUG=true). Production (SXSH_ENV=production) refuses to
start without SECRET_KEY and ALLOWED_HOSTS, or with DEBUG=true.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

# Only the process environment counts: `.env` belongs to docker compose (env_file), so a copy
# made for production never leaks into `make run`.
env = environ.Env()

SXSH_ENV = env.str("SXSH_ENV", default="development")
PRODUCTION = SXSH_ENV == "production"
# `make bench` measures the production set-up over plain HTTP on this machine: production's
# static files and debug refusal, without HTTPS, and for loopback host names only, so this
# mode can never serve anyone else.
BENCHMARK = SXSH_ENV == "benchmark"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "testserver", "[::1]"}

# Users see the portal's own error pages unless a developer asks for Django's debug pages;
# production refuses debug pages outright rather than quietly honouring a stray DEBUG=true.
DEBUG = env.bool("DEBUG", default=False)

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("DEBUG=true is refused when SXSH_ENV=production")
    missing = [name for name in ("SECRET_KEY", "ALLOWED_HOSTS") if not env.str(name, default="")]
    if missing:
        raise ImproperlyConfigured(
            f"Production needs these environment variables: {', '.join(missing)}"
        )
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
else:
    # A development-only key: never used when SXSH_ENV=production.
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-sxsh-portal")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
if BENCHMARK and (DEBUG or set(ALLOWED_HOSTS) - LOOPBACK_HOSTS):
    raise ImproperlyConfigured(
        "SXSH_ENV=benchmark serves 127.0.0.1/localhost only and never with DEBUG=true"
    )

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Absolute address of the portal, for links in e-mails sent outside a request (reminders).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "sxsh_portal.admin_site.SuperuserAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "axes",
    "django_htmx",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "sxsh_portal.territory",
    "sxsh_portal.accounts",
    "sxsh_portal.api",
    "sxsh_portal.notifications",
    "sxsh_portal.outbox",
    "sxsh_portal.collation",
    "sxsh_portal.submissions",
    "sxsh_portal.documents",
    "strategies",
    "facilities",
    "reporting",
    "reporting.dashboards",
    "sxsh_portal.signatures",
    # Demonstration data on top of the product apps (setup_demo, generate_national_data).
    "sxsh_portal.demo",
]

MIDDLEWARE = [
    "sxsh_portal.security.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sxsh_portal.middleware.DefaultLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "sxsh_portal.security.NoStoreForSignedInMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must come last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]
if env.str("DATABASE_REPLICA_URL", default=""):
    # The dashboards' reads from the replica (sxsh_portal/db_routers.py).
    MIDDLEWARE.append("sxsh_portal.db_routers.ReplicaReadsMiddleware")

ROOT_URLCONF = "sxsh_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sxsh_portal.accounts.context_processors.access_scope",
            ],
        },
    },
]

WSGI_APPLICATION = "sxsh_portal.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a management command writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    # Scaling out (README): the dashboards' reads from a streaming replica of the primary
    # (sxsh_portal/db_routers.py), and PgBouncer in transaction mode between the processes
    # and PostgreSQL. A pooled connection serves another process's transaction next, so no
    # cursor may outlive its transaction (Django's .iterator() holds a named server-side
    # cursor): DISABLE_SERVER_SIDE_CURSORS. Django's own persistent connections stay: they
    # are connections to PgBouncer, which hands a server connection out per transaction.
    replica_url = env.str("DATABASE_REPLICA_URL", default="")
    if replica_url:
        DATABASES["replica"] = {
            **env.db_url_config(replica_url),
            "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
            "ATOMIC_REQUESTS": False,
            # Tests read the test database through it.
            "TEST": {"MIRROR": "default"},
        }
    for alias in DATABASES:
        DATABASES[alias]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
            "PGBOUNCER_TRANSACTION_POOLING", default=False
        )
DATABASE_ROUTERS = ["sxsh_portal.db_routers.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login throttling: lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# Internationalisation: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["sxsh_portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION or BENCHMARK
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Cache: Redis when REDIS_URL is set, process memory otherwise.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # A Redis that is down or unreachable is a cache miss, logged, never a server error
    # (sxsh_portal/resilience/cache.py); the short time-outs keep a page from waiting on it.
    CACHES = {
        "default": {
            "BACKEND": "sxsh_portal.resilience.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Garbage collector of a web process (sxsh_portal/runtime.py): generation thresholds.
GC_THRESHOLDS = tuple(env.list("GC_THRESHOLDS", cast=int, default=[50_000, 20, 100]))

# Celery: eager (in-process) unless a broker is configured.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or None) or None
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 600
CELERY_TASK_SOFT_TIME_LIMIT = 540
# The portal never reads a task's result: no result store is consulted when queueing (with
# Redis down it retried for ~19 s inside the request). A test worker asks for one explicitly.
CELERY_TASK_IGNORE_RESULT = True
# Queueing must not hold a request (sxsh_portal/outbox keeps what could not be sent): one
# quick attempt, at most about a second, then the outbox's sweeper sends it later.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
CELERY_REDIS_SOCKET_TIMEOUT = 5
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"max_retries": 1}}
# A worker keeps retrying to reach the broker, at start-up and after losing it (it is not a
# request; the retry settings above are for publishing).
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# With Redis, a message taken by a worker that died unacknowledged comes back after this:
# the longest hard time limit of a task (the global one) and a minute to spare, so that a
# killed worker's document is redone within minutes, and no task still running (or waiting
# for its retry's countdown) is handed out twice. tests/sxsh_portal/test_resilience_settings.py
# keeps every task's limits and back-offs under it.
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", CELERY_TASK_TIME_LIMIT + 60)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "socket_connect_timeout": 1,
    "socket_timeout": 5,
    "max_retries": 1,
}
CELERY_BEAT_SCHEDULE: dict = {
    # Deadline reminders to the reporting units, every morning in Vietnam.
    "reporting-deadline-reminders": {
        "task": "reporting.send_deadline_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # The consolidated PDF drafts of the years whose deadline was yesterday (16/12 for 15/12).
    "reporting-consolidated-drafts": {
        "task": "reporting.generate_consolidated_drafts",
        "schedule": crontab(hour=6, minute=30),
    },
    # Notification e-mails left waiting (the broker was down when they were made).
    "notifications-requeue-emails": {
        "task": "notifications.requeue_emails",
        "schedule": crontab(minute="*/15"),
    },
    # Tasks that could not be queued (broker down), sent once it is back (sxsh_portal/outbox).
    "outbox-sweep": {"task": "outbox.sweep", "schedule": 60.0},
    # Documents whose message was lost or whose worker died: queued again, or failed.
    "documents-stale-documents": {"task": "documents.stale_documents_sweep", "schedule": 300.0},
    # Import uploads whose dry run was never confirmed.
    "facilities-import-files-cleanup": {
        "task": "facilities.tasks.facility_import_files_cleanup",
        "schedule": crontab(hour=3, minute=15),
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="SXSH Portal <no-reply@sxsh.gov.vn>")

# Security headers and transport (issue 14). Production forces them: an environment variable
# can not turn HTTPS, HSTS or secure cookies off there.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
TRUSTED_PROXY_IPS = env.list("TRUSTED_PROXY_IPS", default=[])
if PRODUCTION:
    requested = {
        "SESSION_COOKIE_SECURE": env.bool("SESSION_COOKIE_SECURE", default=True),
        "CSRF_COOKIE_SECURE": env.bool("CSRF_COOKIE_SECURE", default=True),
        "SECURE_SSL_REDIRECT": env.bool("SECURE_SSL_REDIRECT", default=True),
    }
    insecure = [name for name, value in requested.items() if not value]
    if insecure:
        raise ImproperlyConfigured(f"Refused when SXSH_ENV=production: {', '.join(insecure)}=false")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Harmless on the portal's own host name (only a registrable domain submitted to the
    # browsers' list is preloaded) and keeps `check --deploy` free of warnings.
    SECURE_HSTS_PRELOAD = True
    # The proxy's X-Forwarded-Proto is believed only when a proxy is declared in front of
    # gunicorn; otherwise any client could claim HTTPS.
    if TRUSTED_PROXY_COUNT:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "sxsh_portal.errors.csrf_failure"
# No inline script or style anywhere: every script and stylesheet is a static file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Static files are served by WhiteNoise also when DEBUG is off in development (`make run`).
WHITENOISE_USE_FINDERS = not (PRODUCTION or BENCHMARK)

# Login throttling and the public forms' rate limit read the client address the trusted proxies
# report (sxsh_portal.security.client_ip): with N proxies, the N-th address from the right of
# X-Forwarded-For; with none, REMOTE_ADDR, so nobody can aim a lockout at another person's
# address, nor dodge one, by sending the header.
AXES_CLIENT_IP_CALLABLE = "sxsh_portal.security.client_ip"
# Further failures while locked do not restart the cool-off (no endless lock by an attacker).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False

# Public forms (password reset, self-registration): attempts per hour, per address and per
# target (e-mail address, username or tax code).
RATE_LIMIT_PER_IP = env.int("RATE_LIMIT_PER_IP", default=20)
RATE_LIMIT_PER_TARGET = env.int("RATE_LIMIT_PER_TARGET", default=5)

# The REST API (sxsh_portal/api, each app's api.py): personal tokens only, JSON only,
# problem+json errors, paged lists.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["sxsh_portal.api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "sxsh_portal.api.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "sxsh_portal.api.throttling.TokenRateThrottle",
        "sxsh_portal.api.throttling.AnonymousRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "token": env.str("API_RATE_PER_TOKEN", default="600/min"),
        "anon": env.str("API_RATE_ANONYMOUS", default="60/min"),
    },
    "EXCEPTION_HANDLER": "sxsh_portal.api.errors.problem_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SXSH Portal API",
    "DESCRIPTION": "Chương trình, chỉ tiêu, kế hoạch, báo cáo, cơ sở sản xuất và số liệu "
    "sản xuất sạch hơn. Xác thực: Authorization: Bearer <khoá API cá nhân>.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "UnitReportStateEnum": "reporting.models.UnitReport.State",
        "ConsolidatedReportStateEnum": "reporting.models.ConsolidatedReport.State",
    },
}
OPEN_DATA_LICENCE = env.str(
    "OPEN_DATA_LICENCE", default="Creative Commons Attribution 4.0 (CC BY 4.0)"
)
OPEN_DATA_LICENCE_URL = env.str(
    "OPEN_DATA_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/"
)
# DHIS2 codes of the indicators and provinces (JSON: {"dataElements": {…}, "orgUnits": {…}}).
DHIS2_MAPPING_FILE = env.str("DHIS2_MAPPING_FILE", default="")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# Signed reports (signatures app): trust roots beyond the admin's, the upload limit, whether
# to fetch OCSP/CRL while checking, and the portal's own seal (off unless a PKCS#12 is given).
SIGNATURES_TRUST_ROOTS_DIR = env.str("SIGNATURES_TRUST_ROOTS_DIR", default="")
SIGNATURES_MAX_UPLOAD_BYTES = env.int("SIGNATURES_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
SIGNATURES_FETCH_REVOCATION = env.bool("SIGNATURES_FETCH_REVOCATION", default=False)
SIGNATURES_SEAL_PKCS12_PATH = env.str("SIGNATURES_SEAL_PKCS12_PATH", default="")
SIGNATURES_SEAL_PKCS12_PASSWORD = env.str("SIGNATURES_SEAL_PKCS12_PASSWORD", default="")
