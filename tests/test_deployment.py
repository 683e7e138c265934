"""docker-compose.yml, Dockerfile and .env.example fit the code they deploy.

There is no Docker engine in development or CI, so these tests read the files and check every
reference in them against the project: entry points, management commands, packages, the
environment settings.py reads, health checks, volumes.
"""

import importlib
import re
import runpy
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from celery.app.utils import find_app
from django.core.management import call_command, get_commands

from sxsh_portal.celery import app as celery_app
from tests.test_settings import settings_under, variables_read_by_settings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
ENV_EXAMPLE = (ROOT / ".env.example").read_text()
GUNICORN_CONF = ROOT / "sxsh_portal" / "gunicorn.conf.py"

DJANGO_SERVICES = ["migrate", "web", "worker", "beat"]

# ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, $NAME; $$ is a "$".
_INTERPOLATION = re.compile(r"\$\$|\$\{(\w+)(?:(:?[-?])([^}]*))?\}|\$(\w+)")


def interpolate(value: str, variables: dict[str, str]) -> str:
    """Substitute variables the way docker compose does with the given .env."""

    def substitute(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        name = match.group(1) or match.group(4)
        operator, argument = match.group(2), match.group(3)
        value = variables.get(name)
        empty = value is None or (value == "" and operator and operator.startswith(":"))
        if operator in (":?", "?") and empty:
            raise KeyError(f"{name}: {argument}")
        if operator in (":-", "-") and empty:
            return argument
        return value or ""

    return _INTERPOLATION.sub(substitute, value)


def interpolated_variables() -> dict[str, bool]:
    """Every variable docker-compose.yml takes from .env, with whether it is required."""
    found: dict[str, bool] = {}
    for match in _INTERPOLATION.finditer((ROOT / "docker-compose.yml").read_text()):
        name = match.group(1) or match.group(4)
        if name:
            found[name] = found.get(name, False) or match.group(2) in (":?", "?")
    return found


def example_env() -> dict[str, str]:
    """The uncommented NAME=value lines of .env.example."""
    pairs = {}
    for line in ENV_EXAMPLE.splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            pairs[name.strip()] = value.strip()
    return pairs


def filled_in_env() -> dict[str, str]:
    """.env.example as an administrator fills it in: the empty required secrets get values."""
    env = example_env()
    for name, required in interpolated_variables().items():
        if required and not env.get(name):
            env[name] = f"filled-in-{name.lower().replace('_', '-')}"
    return env


def environment_of(service: str) -> dict[str, str]:
    environment = SERVICES[service].get("environment", {})
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    dot_env = filled_in_env()
    resolved = {}
    if SERVICES[service].get("env_file"):
        resolved.update(dot_env)
    resolved.update({name: interpolate(str(value), dot_env) for name, value in environment.items()})
    return resolved


def command_of(service: str) -> list[str]:
    command = SERVICES[service].get("command")
    assert command, f"{service} has no command"
    return shlex.split(command) if isinstance(command, str) else [str(part) for part in command]


def option_value(command: list[str], *names: str) -> str:
    for index, part in enumerate(command):
        for name in names:
            if part == name:
                return command[index + 1]
            if part.startswith(f"{name}="):
                return part.split("=", 1)[1]
    raise AssertionError(f"none of {names} in {command}")


def requirement_names() -> set[str]:
    names = set()
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(re.split(r"[\[<>=!~; ]", line, maxsplit=1)[0].lower())
    return names


def variables_read_by_gunicorn_conf() -> set[str]:
    return set(re.findall(r"os\.environ\.get\(\s*\"(\w+)\"", GUNICORN_CONF.read_text()))


def test_compose_runs_postgresql_redis_web_worker_and_beat():
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(SERVICES)
    assert SERVICES["postgres"]["image"] == "postgres:16"
    assert SERVICES["redis"]["image"] == "redis:7"


def test_every_django_service_runs_the_image_built_from_this_repository():
    images = {SERVICES[service]["image"] for service in DJANGO_SERVICES}

    assert len(images) == 1
    for service in DJANGO_SERVICES:
        assert SERVICES[service]["build"] == "."


def test_the_web_serves_the_projects_wsgi_application_with_gunicorn():
    command = command_of("web")
    module_name, attribute = next(part for part in command if ":" in part).split(":")

    assert command[0] == "gunicorn"
    application = getattr(importlib.import_module(module_name), attribute)
    assert application is importlib.import_module("sxsh_portal.wsgi").application
    assert callable(application)


def test_gunicorn_runs_at_least_two_workers_on_the_port_the_compose_file_publishes():
    config_path = ROOT / option_value(command_of("web"), "--config", "-c")
    config = runpy.run_path(str(config_path))
    published_ports = {str(mapping).rsplit(":", 1)[1] for mapping in SERVICES["web"]["ports"]}

    assert config["workers"] >= 2
    assert config["bind"].rsplit(":", 1)[1] in published_ports


@pytest.mark.parametrize(("service", "subcommand"), [("worker", "worker"), ("beat", "beat")])
def test_worker_and_beat_run_the_projects_celery_app(service, subcommand):
    command = command_of(service)

    assert command[0] == "celery"
    assert subcommand in command
    assert find_app(option_value(command, "-A", "--app")) is celery_app


def test_the_programs_the_services_start_are_pinned_in_requirements():
    programs = {command_of(service)[0] for service in DJANGO_SERVICES} - {"sh", "python"}

    assert programs == {"gunicorn", "celery"}
    assert programs <= requirement_names()


def test_the_one_shot_service_migrates_and_collects_static_files():
    used = re.findall(r"manage\.py (\w+)", " ".join(command_of("migrate")))

    assert used[0] == "migrate"
    assert "collectstatic" in used
    assert SERVICES["migrate"]["restart"] == "no"


def test_every_management_command_the_compose_file_names_exists():
    # Commands in the instructions at the top count too: they are what an administrator runs.
    named = set(re.findall(r"manage\.py (\w+)", (ROOT / "docker-compose.yml").read_text()))

    assert {"migrate", "collectstatic", "load_administrative_units"} <= named
    assert named <= set(get_commands()), named - set(get_commands())


def test_web_worker_and_beat_wait_for_healthy_services_and_the_migrations():
    for service in ["web", "worker", "beat"]:
        depends_on = SERVICES[service]["depends_on"]
        assert depends_on["postgres"]["condition"] == "service_healthy"
        assert depends_on["redis"]["condition"] == "service_healthy"
        assert depends_on["migrate"]["condition"] == "service_completed_successfully"


def test_every_service_waited_on_as_healthy_has_a_health_check():
    awaited = {
        name
        for service in SERVICES.values()
        for name, condition in (service.get("depends_on") or {}).items()
        if isinstance(condition, dict) and condition.get("condition") == "service_healthy"
    }

    assert awaited
    for name in awaited:
        assert name in SERVICES, f"depends on an undefined service {name}"
        assert SERVICES[name].get("healthcheck", {}).get("test"), f"{name} has no health check"


def test_postgresql_redis_and_the_web_have_health_checks():
    def probe(service: str) -> str:
        test = SERVICES[service]["healthcheck"]["test"]
        return " ".join(test) if isinstance(test, list) else test

    assert "pg_isready" in probe("postgres")
    assert "redis-cli ping" in probe("redis")
    assert "http://127.0.0.1:8000/" in probe("web")


def test_the_webs_health_check_passes_against_a_running_portal(live_server, settings):
    test = SERVICES["web"]["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"]
    code = interpolate(test[3], {}).replace("http://127.0.0.1:8000", live_server.url)
    settings.ALLOWED_HOSTS = [".sxsh.example.gov.vn"]

    def health_check(allowed_hosts: str) -> int:
        result = subprocess.run(
            [sys.executable, "-c", code],
            env={"ALLOWED_HOSTS": allowed_hosts, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            timeout=30,
        )
        return result.returncode

    assert health_check(".sxsh.example.gov.vn,localhost") == 0
    # A host Django refuses (400) must turn the check red.
    assert health_check("elsewhere.example.org") != 0


def test_beat_keeps_its_schedule_file_in_a_named_volume():
    schedule = Path(option_value(command_of("beat"), "--schedule", "-s"))
    mounts = dict(
        reversed(str(volume).split(":")[:2]) for volume in SERVICES["beat"].get("volumes", [])
    )

    assert str(schedule.parent) in mounts
    assert mounts[str(schedule.parent)] in COMPOSE["volumes"]


def test_postgresql_data_media_and_static_files_live_in_named_volumes():
    def named_volume_at(service: str, target: str) -> str:
        for volume in SERVICES[service].get("volumes", []):
            source, mounted_at = str(volume).split(":")[:2]
            if mounted_at == target:
                assert source in COMPOSE["volumes"], f"{source} is not a named volume"
                return source
        raise AssertionError(f"nothing mounted at {target} in {service}")

    assert named_volume_at("postgres", "/var/lib/postgresql/data")
    # The worker writes report PDFs that the web serves: both must see the same volume.
    assert named_volume_at("web", "/app/media") == named_volume_at("worker", "/app/media")
    assert named_volume_at("web", "/app/staticfiles") == named_volume_at(
        "migrate", "/app/staticfiles"
    )
    assert environment_of("web")["MEDIA_ROOT"] == "/app/media"


def test_every_django_service_is_configured_for_production_on_the_composed_services():
    for service in DJANGO_SERVICES:
        env = environment_of(service)
        assert env["SXSH_ENV"] == "production"
        assert env["SECRET_KEY"]
        assert env["ALLOWED_HOSTS"]
        for variable, scheme, host in [
            ("DATABASE_URL", "postgres", "postgres"),
            ("CELERY_BROKER_URL", "redis", "redis"),
            ("CELERY_RESULT_BACKEND", "redis", "redis"),
            ("REDIS_URL", "redis", "redis"),
        ]:
            url = urlsplit(env[variable])
            assert (url.scheme, url.hostname) == (scheme, host), f"{service}: {variable}"
            assert url.hostname in SERVICES
        # The cache on its own Redis database: clearing it must not drop queued tasks.
        assert urlsplit(env["REDIS_URL"]).path != urlsplit(env["CELERY_BROKER_URL"]).path


def test_the_database_url_matches_the_postgresql_services_credentials():
    postgres = {
        name: interpolate(str(value), filled_in_env())
        for name, value in SERVICES["postgres"]["environment"].items()
    }
    database = urlsplit(environment_of("web")["DATABASE_URL"])

    assert database.username == postgres["POSTGRES_USER"]
    assert database.password == postgres["POSTGRES_PASSWORD"]
    assert database.path == f"/{postgres['POSTGRES_DB']}"


def test_settings_load_in_production_mode_with_the_composed_environment():
    chosen = settings_under(environment_of("web"))

    assert chosen["DEBUG"] is False
    assert chosen["DATABASE_ENGINE"] == "django.db.backends.postgresql"
    assert chosen["DATABASE_HOST"] == "postgres"
    assert chosen["CELERY_TASK_ALWAYS_EAGER"] is False
    assert chosen["CELERY_BROKER_URL"].startswith("redis://redis:")
    # Django's Redis cache, with a Redis that is down read as a miss (sxsh_portal/resilience).
    assert chosen["CACHE_BACKEND"] == "sxsh_portal.resilience.cache.ResilientRedisCache"


def test_every_variable_the_compose_file_sets_is_one_the_portal_reads():
    # A misspelt name would be ignored and its setting would silently keep its default.
    read = variables_read_by_settings() | variables_read_by_gunicorn_conf()
    for service in DJANGO_SERVICES:
        assert set(SERVICES[service]["environment"]) <= read, service


def test_env_example_sets_every_variable_the_compose_file_requires():
    required = {name for name, is_required in interpolated_variables().items() if is_required}

    assert {"SECRET_KEY", "ALLOWED_HOSTS", "POSTGRES_PASSWORD"} <= required
    assert required <= set(example_env())


def test_env_example_documents_only_variables_that_are_used():
    mentioned = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE, flags=re.MULTILINE))
    used = (
        set(interpolated_variables())
        | variables_read_by_settings()
        | variables_read_by_gunicorn_conf()
    )

    assert set(interpolated_variables()) <= mentioned
    assert mentioned <= used, mentioned - used


def test_the_image_is_built_on_python_3_11_with_weasyprints_libraries():
    base_image = re.search(r"^FROM\s+(\S+)", DOCKERFILE, flags=re.MULTILINE).group(1)

    assert re.fullmatch(r"python:3\.11(\.\d+)?-slim-bookworm", base_image)
    for package in ["libpango-1.0-0", "libpangoft2-1.0-0", "fonts-noto-core"]:
        assert re.search(rf"apt-get install[^\n]*(\\\n[^\n]*)*\b{re.escape(package)}\b", DOCKERFILE)
    assert "pip install -r requirements.txt" in DOCKERFILE


def test_the_image_runs_as_an_unprivileged_user():
    users = re.findall(r"^USER\s+(\S+)", DOCKERFILE, flags=re.MULTILINE)

    assert users
    assert users[-1] not in {"root", "0", "0:0"}


def test_the_image_collects_static_files_for_production_storage_without_real_secrets():
    step = next(
        line for line in DOCKERFILE.split("RUN ") if "collectstatic" in line and "manage.py" in line
    )

    assert "SXSH_ENV=production" in step
    assert "SECRET_KEY=" in step
    assert not re.search(r"^ENV\s+[^\n]*SECRET_KEY", DOCKERFILE, flags=re.MULTILINE)


def test_secrets_and_local_files_stay_out_of_the_image():
    ignored = set((ROOT / ".dockerignore").read_text().split())

    assert {".env", ".venv", ".git", "media/", "staticfiles/"} <= ignored
    assert any(pattern.startswith("db.sqlite3") for pattern in ignored)


def test_the_static_files_survive_productions_manifest_storage(settings, tmp_path):
    # Production storage rewrites every url() in the CSS to hashed names and fails on a
    # reference to a missing file; the build step would fail the same way.
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # What is checked is the manifest's rewriting; compressing every file with gzip and
    # Brotli (most of this command's time) is the image build's and proves nothing here.
    settings.WHITENOISE_SKIP_COMPRESS_EXTENSIONS = sorted(
        {path.suffix.lstrip(".") for path in (settings.BASE_DIR / "static").rglob("*.*")}
        | {"css", "js", "svg", "txt", "map", "html", "json", "xml", "ttf", "otf", "eot"}
    )

    call_command("collectstatic", interactive=False, verbosity=0)

    manifest = (tmp_path / "staticfiles.json").read_text()
    assert '"css/portal.css"' in manifest
    assert '"vendor/htmx/htmx.min.js"' in manifest
