"""What the access tables share: the roles, the answers, one case format, and a world built
once per test module.

An access table asks the same question of many URLs and roles: each case is one request
answered by a status. Building the users and objects for every case cost far more than the
request, so a table's world is built once per module, in a transaction kept open for the
module; each case runs inside its own savepoint (pytest-django's `db`), rolled back after it,
so every case still starts from the same world.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.test.utils import override_settings

from sxsh_portal.documents import services as document_services

ROLES = ("anonymous", "ministry", "province", "other_province", "unit", "facility", "outsider")

OK = 200
CREATED = 201
FOUND = 302
BAD_REQUEST = 400
UNAUTHORISED = 401
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405
LOGIN = "login"  # a redirect to the login page


def everyone(expected):
    return dict.fromkeys(ROLES, expected)


def signed_in(expected, anonymous=LOGIN):
    return {**everyone(expected), "anonymous": anonymous}


@dataclass(frozen=True)
class AccessCase:
    """One URL (by name), how it is asked, and the answer each role gets (`expect`).

    `kwargs` and `data` are functions of the table's world (objects are made per module);
    `variant` tells apart cases of one URL name; `listed` (lists of the API) is the object
    that the roles which may not read it must not find in the list."""

    name: str
    expect: dict
    kwargs: Callable = field(default=lambda world: {})
    method: str = "get"
    data: Callable = field(default=lambda world: {})
    variant: str = ""
    listed: Callable | None = None

    @property
    def id(self):
        return f"{self.name}[{self.variant}]" if self.variant else self.name


def world_of_the_module(django_db_blocker, media_root, build: Callable) -> Iterator:
    """The body of a module-scoped world fixture: `yield from world_of_the_module(...)`.

    `build()` runs as a test would (fast password hasher, uploads under `media_root`); what it
    makes stays for the rest of the module, then is rolled back."""
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock():
        module_atomic = transaction.atomic()
        module_atomic.__enter__()
    try:
        with (
            django_db_blocker.unblock(),
            override_settings(PASSWORD_HASHERS=hashers, MEDIA_ROOT=media_root),
        ):
            world = build()
        yield world
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            module_atomic.__exit__(None, None, None)


def world_with_one_line_pdfs(django_db_blocker, media_root, build: Callable) -> Iterator:
    """world_of_the_module for the documents' access tables: who may open what does not
    depend on a PDF's layout, so every PDF is one line, which keeps the tables fast."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(document_services, "document_pdf_bytes", lambda document: b"%PDF-1.4")
        patch.setattr(document_services, "pdf_support_problem", lambda: None)
        patch.setattr("sxsh_portal.documents.views.pdf_support_problem", lambda: None)
        yield from world_of_the_module(django_db_blocker, media_root, build=build)


def access_table_fixtures(build: Callable[[], object], *, one_line_pdfs: bool = False):
    """An access table's two fixtures, `module_world, world = access_table_fixtures(_world)`:
    build() once for the module (with every PDF one line if asked), and each test's `world`
    in its own savepoint with MEDIA_ROOT on the files the world made."""
    body = world_with_one_line_pdfs if one_line_pdfs else world_of_the_module

    @pytest.fixture(scope="module")
    def module_world(django_db_setup, django_db_blocker, tmp_path_factory):
        media_root = tmp_path_factory.mktemp("media")
        yield from body(django_db_blocker, media_root, build=lambda: (build(), media_root))

    @pytest.fixture
    def world(module_world, settings, db):
        world, settings.MEDIA_ROOT = module_world
        return world

    return module_world, world
