"""Reads of the dashboards from a read replica, when one is configured (DATABASE_REPLICA_URL;
README "Scaling out").

The dashboards are the heaviest reads and may lag the primary by a second or two: their
figures are consolidations of reports already sent. Everything else reads the primary, so a
user always sees what they just wrote; and the tables of accounts, sessions and login
throttling never move, so a login made a moment ago is never missing on the replica.

ReplicaReadsMiddleware marks a GET of a dashboard page; ReplicaRouter then sends that
request's reads to the replica. Writes always go to the primary.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
# Apps whose rows must be read where they were just written.
PRIMARY_ONLY_APPS = frozenset(
    {"accounts", "admin", "auth", "axes", "contenttypes", "sessions", "notifications", "outbox"}
)
# The URL namespace of the pages read from the replica (the dashboards app's).
REPLICA_URL_NAMESPACE = "dashboards"

_replica_reads: ContextVar[bool] = ContextVar("sxsh_replica_reads", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            _replica_reads.get()
            and model._meta.app_label not in PRIMARY_ONLY_APPS
            and replica_configured()
        ):
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: an object read there may point at one here.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA


class ReplicaReadsMiddleware:
    """Sends a dashboard page's reads (a GET or HEAD) to the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            token = getattr(request, "_replica_reads_token", None)
            if token is not None:
                _replica_reads.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        namespace = request.resolver_match.namespace
        if request.method in ("GET", "HEAD") and namespace == REPLICA_URL_NAMESPACE:
            request._replica_reads_token = _replica_reads.set(True)
        return None
