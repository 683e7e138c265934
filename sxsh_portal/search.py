"""Accent-insensitive search on SQLite and PostgreSQL: "hoang hoa" finds "Hoằng Hóa".

`Folded(expression)` is the text without diacritics, lower-cased: on PostgreSQL
lower(unaccent(…)) (the extension is created by the notifications app's migration), on
SQLite a Python function registered on every connection. `fold()` does the same to the
words typed, so both sides compare alike.
"""

from __future__ import annotations

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import CharField, Func, Q
from django.dispatch import receiver

# Words of a search that count: a pasted page of text must not become a thousand LIKEs.
MAX_WORDS = 8

# Letters that carry no combining mark to strip (đ is its own letter, not d + a mark).
_PLAIN = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str | None) -> str:
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_PLAIN))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@receiver(connection_created)
def _register_sqlite_fold(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("sxsh_fold", 1, fold, deterministic=True)


class Folded(Func):
    function = "sxsh_fold"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="lower(unaccent(%(expressions)s))", **extra_context
        )


# Longer "words" are no search anyone types; SQLite refuses LIKE patterns past 50,000 bytes.
MAX_WORD_LENGTH = 100


def _words(words: str | None) -> list[str]:
    return [word[:MAX_WORD_LENGTH] for word in fold((words or "")[:2000]).split()[:MAX_WORDS]]


def folded_contains(fields: list[str], words: str) -> tuple[dict, Q]:
    """Annotations and a filter: every word typed appears in one of the fields."""
    annotations = {f"_fold_{i}": Folded(field) for i, field in enumerate(fields)}
    condition = Q()
    for word in _words(words):
        any_field = Q()
        for name in annotations:
            any_field |= Q(**{f"{name}__contains": word})
        condition &= any_field
    return annotations, condition


def search(queryset, fields: list[str], words: str):
    """The queryset narrowed to rows whose fields contain every word, accents ignored."""
    if not _words(words):
        return queryset
    annotations, condition = folded_contains(fields, words)
    return queryset.alias(**annotations).filter(condition)
