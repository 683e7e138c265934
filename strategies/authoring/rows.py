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
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from sxsh_portal.audit import record_actor
from sxsh_portal.concurrency import check_rows_version

# Django's own messages with these codes do not say which field they are about.
_GENERIC_CODES = {"blank", "null", "required", "invalid_choice"}


@dataclass
class Row:
    """One row as the page sent it: the stored object (None for a new row) and its values."""

    instance: models.Model | None
    values: dict
    delete: bool = False
    # Many-to-many values (coordinating agencies), set once the row is saved.
    many: dict = field(default_factory=dict)


def row_messages(number: int, error: ValidationError, model=None) -> list[str]:
    """ "Dòng 2: …", naming the field ("Dòng 2, năm: …") where the message does not."""
    if not hasattr(error, "error_dict"):
        return [
            _("Dòng %(number)s: %(message)s") % {"number": number, "message": text}
            for text in error.messages
        ]
    result = []
    for name, errors in error.error_dict.items():
        label = _field_label(model, name)
        for item in errors:
            text = " ".join(item.messages)
            if label and item.code in _GENERIC_CODES:
                text = f"{label}: {text}"
            result.append(_("Dòng %(number)s: %(message)s") % {"number": number, "message": text})
    return result


def _field_label(model, name: str) -> str:
    if model is None or name == "__all__":
        return ""
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a key that is not a field (a rule's own key)
        return ""


@transaction.atomic
def _belongs_elsewhere(instance, owner: dict) -> bool:
    """A row id sent by the page must belong to this owner: never another plan's row."""
    return (
        instance is not None
        and instance.pk is not None
        and any(getattr(instance, f"{name}_id", None) != value.pk for name, value in owner.items())
    )


def _rows_checked(*, model, owner: dict, rows: list[Row], check):
    """The rows to save (cleaned, owner set) and the ones to delete; every row's problems
    at once, as one ValidationError."""
    errors: list[str] = []
    kept: list[tuple[models.Model, Row]] = []
    removed: list[models.Model] = []
    for number, row in enumerate(rows, start=1):
        instance = row.instance
        if _belongs_elsewhere(instance, owner):
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
            errors.extend(row_messages(number, error, model))
            continue
        kept.append((obj, row))
    if errors:
        raise ValidationError(errors)
    return kept, removed


def rows_save(
    *,
    model: type[models.Model],
    owner: dict,
    rows: list[Row],
    actor,
    check: Callable[[models.Model], None] | None = None,
    after: Callable[[models.Model, Row], None] | None = None,
    expected_version: int | None = None,
) -> list[models.Model]:
    """Create, change and delete the rows of one owner (a plan, a strategy, a phase); refused
    (StaleObjectError) when the rows changed since the page was rendered."""
    check_rows_version(model, owner, expected_version)
    kept, removed = _rows_checked(model=model, owner=owner, rows=rows, check=check)
    for obj in removed:
        record_actor(obj, actor)
        try:
            obj.delete()
        except ProtectedError as exc:
            # A task that units already report progress on stays: the reports quote it.
            raise ValidationError(
                _("Không xóa được “%(row)s”: đã có báo cáo dùng đến dòng này.") % {"row": obj}
            ) from exc
    saved = []
    many_to_many = {field.name for field in model._meta.many_to_many}
    for position, (obj, row) in enumerate(kept, start=1):
        if hasattr(obj, "position"):
            obj.position = position
        record_actor(obj, actor)
        obj.save()
        for name, values in row.many.items():
            if name in many_to_many:
                getattr(obj, name).set(values)
        if after is not None:
            after(obj, row)
        saved.append(obj)
    return saved
