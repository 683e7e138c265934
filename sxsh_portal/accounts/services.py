"""Writes to accounts: every change of a user or a role goes through here and is recorded
in the audit trail (django-simple-history) with the actor."""

from django.db import transaction

from sxsh_portal.territory.models import Agency

from .models import RoleAssignment, User


def _with_actor(instance, actor: User | None):
    # simple_history reads this attribute to record who made the change outside a request.
    instance._history_user = actor
    return instance


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    full_name: str = "",
    email: str = "",
    is_active: bool = True,
    actor: User | None = None,
) -> User:
    user = User(username=username, full_name=full_name, email=email, is_active=is_active)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    _with_actor(user, actor).save()
    return user


@transaction.atomic
def role_assign(
    *, user: User, role: str, agency: Agency | None, actor: User | None = None
) -> RoleAssignment:
    """Give a user a role in an agency; assigning the same role twice changes nothing."""
    existing = RoleAssignment.objects.filter(user=user, role=role, agency=agency).first()
    if existing:
        return existing
    assignment = RoleAssignment(user=user, role=role, agency=agency)
    _with_actor(assignment, actor).save()
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment, actor: User | None = None) -> None:
    _with_actor(assignment, actor).delete()
