"""docker-compose.scale.yml (README "Scaling out") fits the settings it relies on: web and
worker through PgBouncer in transaction mode, without server-side cursors; the dashboards'
reads from the replica when DATABASE_REPLICA_URL is set."""

import json
from pathlib import Path

import yaml

from tests.test_settings import run_django, variables_read_by_settings

ROOT = Path(__file__).resolve().parent.parent
SCALE = yaml.safe_load((ROOT / "docker-compose.scale.yml").read_text())
BASE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())

_PRINT_DATABASES = """
import json
from django.conf import settings
print(json.dumps({
    "databases": {
        alias: {
            "HOST": config.get("HOST"),
            "DISABLE_SERVER_SIDE_CURSORS": config.get("DISABLE_SERVER_SIDE_CURSORS"),
            "CONN_MAX_AGE": config.get("CONN_MAX_AGE"),
            "MIRROR": config.get("TEST", {}).get("MIRROR"),
        }
        for alias, config in settings.DATABASES.items()
    },
    "routers": settings.DATABASE_ROUTERS,
    "middleware": settings.MIDDLEWARE,
}))
"""


def databases_under(environment: dict[str, str]) -> dict:
    result = run_django(_PRINT_DATABASES, environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_pgbouncer_pools_by_transaction_in_front_of_the_primary():
    pgbouncer = SCALE["services"]["pgbouncer"]["environment"]

    assert pgbouncer["POOL_MODE"] == "transaction"
    assert "@postgres:5432/sxsh" in pgbouncer["DATABASE_URL"]


def test_web_and_worker_go_through_pgbouncer_and_migrate_and_beat_do_not():
    for service in ("web", "worker"):
        environment = SCALE["services"][service]["environment"]
        assert "@pgbouncer:5432/sxsh" in environment["DATABASE_URL"], service
        assert environment["PGBOUNCER_TRANSACTION_POOLING"] == "true", service
        assert set(environment) <= variables_read_by_settings() | {"WEB_CONCURRENCY"}, service
    assert "migrate" not in SCALE["services"] and "beat" not in SCALE["services"]
    assert set(SCALE["services"]) - {"pgbouncer", "postgres-replica"} <= set(BASE["services"])


def test_the_replica_is_an_optional_profile():
    assert SCALE["services"]["postgres-replica"]["profiles"] == ["replica"]


def test_transaction_pooling_turns_server_side_cursors_off_and_keeps_connections():
    chosen = databases_under(
        {
            "DATABASE_URL": "postgres://sxsh:secret@pgbouncer:5432/sxsh",
            "PGBOUNCER_TRANSACTION_POOLING": "true",
        }
    )

    default = chosen["databases"]["default"]
    assert default["HOST"] == "pgbouncer"
    assert default["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert default["CONN_MAX_AGE"] == 60
    assert "replica" not in chosen["databases"]
    assert "sxsh_portal.db_routers.ReplicaReadsMiddleware" not in chosen["middleware"]


def test_a_replica_url_adds_the_replica_its_router_and_middleware():
    chosen = databases_under(
        {
            "DATABASE_URL": "postgres://sxsh:secret@pgbouncer:5432/sxsh",
            "PGBOUNCER_TRANSACTION_POOLING": "true",
            "DATABASE_REPLICA_URL": "postgres://sxsh:secret@postgres-replica:5432/sxsh",
        }
    )

    replica = chosen["databases"]["replica"]
    assert replica["HOST"] == "postgres-replica"
    assert replica["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert replica["MIRROR"] == "default"
    assert chosen["routers"] == ["sxsh_portal.db_routers.ReplicaRouter"]
    assert "sxsh_portal.db_routers.ReplicaReadsMiddleware" in chosen["middleware"]


def test_without_pgbouncer_server_side_cursors_stay_on():
    chosen = databases_under({"DATABASE_URL": "postgres://sxsh:secret@postgres:5432/sxsh"})

    assert chosen["databases"]["default"]["DISABLE_SERVER_SIDE_CURSORS"] is False
