"""gunicorn settings for the `web` service (docker-compose.yml): `gunicorn --config
sxsh_portal/gunicorn.conf.py sxsh_portal.wsgi:application`. Tunable from the environment."""

import os

bind = "0.0.0.0:8000"

# Requests are short (PDFs and imports run in Celery) and mostly wait on PostgreSQL: a few
# processes per container (at least two, so that one slow request never blocks the site), each
# with a few threads that use the core while another waits on a query. The deadline-day bench
# (README "Benchmarks", "Scaling out") compares this with sync workers.
workers = max(2, int(os.environ.get("WEB_CONCURRENCY", "3")))
worker_class = "gthread"
threads = max(1, int(os.environ.get("GUNICORN_THREADS", "4")))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Recycle workers now and then so that a slow leak (e.g. in a spreadsheet import) cannot grow
# without bound; the jitter keeps them from restarting all at once.
max_requests = 1000
max_requests_jitter = 100

# The reverse proxy in front terminates TLS; settings.py trusts its X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
