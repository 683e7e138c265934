"""Saving the rows of one section (targets, tasks, phases, …) all or nothing.

A page edits many rows at once (a formset). Every row is checked with the model's own rules
and the section's extra rule before anything is written; one bad row and nothing is saved,
and each message says which row it is about ("Dòng 2: …").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _


@dataclass
class Row:
    """One row as the page sent it: the stored object (None for a new row) and its values."""

    instance: models.Model | None
    values: dict
    delete: bool = False
    # Many-to-many values (coordinating agencies), set once the row is saved.
    many: dict = field(default_factory=dict)


def row_messages(number: int, error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        texts = [text for messages in error.message_dict.values() for text in messages]
    else:
        texts = error.messages
    return [_("Dòng %(number)s: %(message)s") % {"number": number, "message": t} for t in texts]


@transaction.atomic
def rows_save(
    *,
    model: type[models.Model],
    owner: dict,
    rows: list[Row],
    actor,
    check: Callable[[models.Model], None] | None = None,
    after: Callable[[models.Model, Row], None] | None = None,
) -> list[models.Model]:
    """Create, change and delete the rows of one owner (a plan, a strategy, a phase)."""
    errors: list[str] = []
    kept: list[tuple[models.Model, Row]] = []
    removed: list[models.Model] = []
    for number, row in enumerate(rows, start=1):
        instance = row.instance
        # A row id sent by the page must belong to this owner: never another plan's row.
        if (
            instance is not None
            and instance.pk is not None
            and any(
                getattr(instance, f"{name}_id", None) != value.pk for name, value in owner.items()
            )
        ):
            raise ValidationError(
                _("Dòng %(number)s không thuộc văn bản này.") % {"number": number}
            )
        if row.delete:
            if instance is not None and instance.pk is not None:
                removed.append(instance)
            continue
        obj = instance if instance is not None else model()
        for name, value in {**owner, **row.values}.items():
            setattr(obj, name, value)
        try:
            obj.full_clean()
            if check is not None:
                check(obj)
        except ValidationError as error:
            errors.extend(row_messages(number, error))
            continue
        kept.append((obj, row))
    if errors:
        raise ValidationError(errors)
    for obj in removed:
        obj._history_user = actor
        obj.delete()
    saved = []
    for position, (obj, row) in enumerate(kept, start=1):
        if hasattr(obj, "position"):
            obj.position = position
        obj._history_user = actor
        obj.save()
        for name, values in row.many.items():
            getattr(obj, name).set(values)
        if after is not None:
            after(obj, row)
        saved.append(obj)
    return saved
