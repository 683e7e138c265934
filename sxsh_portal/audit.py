"""Who made a change, for the audit trail (django-simple-history).

Services run outside the request too (tasks, commands, the API's token user), so
simple_history's middleware cannot tell who acted; it reads the instance's `_history_user`
instead, as its documentation says. This is the one place that sets it.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model

M = TypeVar("M", bound=Model)


def record_actor(instance: M, actor) -> M:
    """Name `actor` (a user, or None for the system) in the history record of the instance's
    next save or delete."""
    instance._history_user = actor
    return instance
