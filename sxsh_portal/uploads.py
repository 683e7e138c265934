"""Staged uploads: a file checked by a dry run waits for its confirmation.

Between the dry run and the confirmation the file waits in the default storage under a
random name that only the uploader's session knows (the session keeps the token, the path
and what the import needs to know again); it is deleted once imported or replaced. One
staged file per session key: staging another forgets the previous one.
"""

from __future__ import annotations

import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage


def upload_stage(session, *, key: str, directory: str, content: bytes, extension: str, **data):
    """Store `content` under a new token and remember it in the session; returns the token.
    `data` (JSON-serialisable) is kept beside it for the confirmation."""
    upload_forget(session, key=key)
    token = uuid.uuid4().hex
    path = default_storage.save(f"{directory}/{token}{extension}", ContentFile(content))
    session[key] = {**data, "token": token, "path": path}
    return token


def upload_pending(session, *, key: str, token: str | None) -> dict | None:
    """What was staged under `key` if `token` is its token and its file is still there, else
    None (a file gone meanwhile, by the clean-up of abandoned imports, is forgotten)."""
    pending = session.get(key)
    if not pending or not token or pending.get("token") != token:
        return None
    if not default_storage.exists(pending["path"]):
        session.pop(key, None)
        return None
    return pending


def upload_read(pending: dict) -> bytes:
    with default_storage.open(pending["path"], "rb") as stored:
        return stored.read()


def upload_forget(session, *, key: str) -> None:
    """Delete the staged file and its session entry (nothing to do when none is staged)."""
    pending = session.pop(key, None)
    if pending and default_storage.exists(pending["path"]):
        default_storage.delete(pending["path"])
