"""One optimistic-locking rule for every edit form of a shared object.

A form carries the version of the object it was rendered from (a hidden field); the service
locks the row, compares, and refuses a save made from an older version instead of silently
overwriting the other person's change. The view then shows the form again with what the
user typed and a Vietnamese message; the hidden version moves to the current one, so saving
again is a deliberate overwrite, made after reading the message.

The version of an object with a history (django-simple-history) is the id of its newest
history record: every audited write makes one, whoever makes it (a form, an import, the
admin), so no model needs a column of its own. A unit report keeps its own `version` column
(reporting/services/cycle.py), with the same message.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from .ids import parse_id

STALE_MESSAGE = _(
    "Dữ liệu này đã được thay đổi (ở một cửa sổ khác hoặc bởi người khác) sau khi bạn mở "
    "trang. Thay đổi của bạn chưa được lưu và vẫn còn trong biểu mẫu dưới đây; hãy xem lại "
    "bản mới nhất rồi bấm lưu lần nữa nếu vẫn muốn ghi đè."
)

# The version of an object that does not exist yet (a form that creates it).
NEW = 0


class StaleObjectError(Exception):
    """The form was rendered from an older version of the object."""

    def __init__(self, *, current_version: int, message=STALE_MESSAGE):
        super().__init__(str(message))
        self.message = message
        self.current_version = current_version


def version_of(instance: models.Model | None) -> int:
    """The newest history record's id (NEW for no object, or one without a history yet)."""
    if instance is None or instance.pk is None:
        return NEW
    if hasattr(instance, "version") and not hasattr(type(instance), "history"):
        return int(instance.version)
    newest = (
        type(instance)
        .history.filter(id=instance.pk)
        .order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
    )
    return newest or NEW


def version_of_rows(model: type[models.Model], owner: dict) -> int:
    """The version of all rows of one owner (a plan's targets, say): the newest history
    record among them, deletions included, so any change to any row moves it."""
    filters = {
        f"{name}_id" if isinstance(value, models.Model) else name: getattr(value, "pk", value)
        for name, value in owner.items()
    }
    newest = model.history.filter(**filters).aggregate(newest=models.Max("history_id"))["newest"]
    return newest or NEW


def version_posted(value) -> int | None:
    """A version a page sent back in a plain hidden input (None: none sent, or not a
    version; NEW for a section that had no rows)."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    return NEW if text == "0" else parse_id(text)


def check_rows_version(model: type[models.Model], owner: dict, expected_version: int | None):
    """check_version for a section of rows (call it with the owner's row locked)."""
    if expected_version is None:
        return
    current = version_of_rows(model, owner)
    if int(expected_version) != current:
        raise StaleObjectError(current_version=current)


def check_version(instance: models.Model | None, expected_version: int | None) -> None:
    """Refuse the save when the object changed since the form was rendered. Call it on the
    row locked with select_for_update(), inside the service's transaction. None skips the
    check (a caller that is not a form: an import, a test, a management command)."""
    if expected_version is None:
        return
    current = version_of(instance)
    if int(expected_version) != current:
        raise StaleObjectError(current_version=current)


class VersionField(forms.IntegerField):
    """The hidden version a form was rendered with."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(**kwargs)


def versioned_form(form_class, data, *, instance=None, **kwargs):
    """A form of `form_class` with a `version` field set to the object's current version."""
    form = form_class(data, instance=instance, **kwargs)
    form.fields["version"] = VersionField()
    form.initial["version"] = version_of(instance)
    return form


def expected_version(form) -> int | None:
    """The version the bound form was rendered with; pops it from cleaned_data so that the
    rest goes to the service as keyword arguments."""
    return form.cleaned_data.pop("version", None)


def refuse_stale(form, error: StaleObjectError) -> None:
    """Keep what the user typed, show the message, and carry the current version so that
    saving again overwrites on purpose."""
    form.data = form.data.copy()
    form.data["version"] = str(error.current_version)
    form.add_error(None, error.message)
