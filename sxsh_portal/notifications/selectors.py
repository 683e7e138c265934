"""Reads of notifications: always the user's own."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Notification, NotificationPreference


def notifications_of(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_count(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def email_enabled(*, user) -> bool:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference is None or preference.email_enabled
