# SXSH Portal: one image for the web (gunicorn), the Celery worker and Celery beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint renders the consolidated reports with Pango; the Noto fonts carry the Vietnamese
# diacritics the slim image's fonts lack.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Requirements first, so that a code change does not reinstall every package.
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .

# Static files are collected into the image with production storage (hashed, compressed names
# and the manifest that storage needs at run time). The key and hosts exist only for this step:
# settings.py refuses to load in production without them; the real ones come from .env.
RUN SXSH_ENV=production SECRET_KEY=build-only-not-a-secret ALLOWED_HOSTS=build.invalid \
    python manage.py collectstatic --noinput

# The mount points of the named volumes are created here so that Docker initialises the
# volumes with this ownership and the unprivileged user can write to them.
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin sxsh \
    && mkdir -p /app/media /app/var/celerybeat \
    && chown -R sxsh:sxsh /app/media /app/staticfiles /app/var

USER sxsh

EXPOSE 8000

CMD ["gunicorn", "--config", "sxsh_portal/gunicorn.conf.py", "sxsh_portal.wsgi:application"]
