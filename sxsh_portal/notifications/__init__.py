"""Notifications: what happened to a user's work, in the portal and by e-mail.

A low package: the other apps call `services.notification_send(...)` from their own
services, inside their transaction; the e-mail leaves through Celery after the commit.
"""
