"""What every form of the portal shares: clean text in, numbers the Vietnamese way.

`PortalFormMixin` (first base of every form) makes each text field NFC-normalise, trim,
collapse inner runs of whitespace (keeping a text area's line breaks) and refuse control
characters, and turns each number field into a `VietnameseNumberField`: a text input with
inputmode="decimal" parsed on the server by `sxsh_portal.numbers.parse_number`, so the
value never depends on the browser's locale, and shown as "850.000.000" or "6,5".
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .ids import parse_id
from .numbers import NumberError, field_bounds, format_number, parse_number

# C0 and C1 controls (and DEL). Tab and line breaks are whitespace, handled apart.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROL_CHARACTERS = _CONTROL
_LINE_SPACE = re.compile(r"[^\S\n]+")
_ANY_SPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")


class TextError(ValueError):
    """Text a field refuses; str() is the Vietnamese message."""


def clean_text(value, *, multiline: bool = False, label=None) -> str:
    """NFC, trimmed, inner whitespace collapsed; TextError on a control character."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        message = _("có ký tự điều khiển không in được; hãy gõ lại nội dung.")
        if label:
            message = _("“%(label)s”: %(message)s") % {"label": label, "message": message}
        raise TextError(message)
    if multiline:
        lines = [_LINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]
        return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return _ANY_SPACE.sub(" ", text).strip()


class VietnameseNumberInput(forms.TextInput):
    """A text input (never type=number, whose parsing follows the browser's locale)."""

    def __init__(self, attrs=None, *, places: int | None = None):
        self.places = places
        defaults = {"inputmode": "decimal", "autocomplete": "off"}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return value  # what the user typed, shown back with its error
        return format_number(value)


class VietnameseNumberField(forms.Field):
    widget = VietnameseNumberInput

    def __init__(
        self,
        *,
        integer: bool = False,
        percent: bool = False,
        max_digits: int | None = 18,
        decimal_places: int | None = 2,
        min_value=0,
        max_value=None,
        **kwargs,
    ):
        self.bounds = {
            "integer": integer,
            "percent": percent,
            "max_digits": max_digits,
            "decimal_places": 0 if integer else decimal_places,
            "min_value": min_value,
            "max_value": max_value,
        }
        kwargs.setdefault("widget", VietnameseNumberInput)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("class", "form-control")
        if integer:
            self.widget.attrs["inputmode"] = "numeric"

    def to_python(self, value):
        try:
            number = parse_number(value, label=self.label, **self.bounds)
        except NumberError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc
        if number is None:
            return None
        return int(number) if self.bounds["integer"] else number


def number_field_for(form_field, model_field=None) -> VietnameseNumberField:
    """The Vietnamese replacement of a Django number field, with the model's bounds."""
    if model_field is not None:
        bounds = field_bounds(model_field)
    else:
        integer = isinstance(form_field, forms.IntegerField) and not isinstance(
            form_field, forms.DecimalField
        )
        bounds = {
            "integer": integer,
            "max_digits": getattr(form_field, "max_digits", None) or (None if integer else 18),
            "decimal_places": 0 if integer else getattr(form_field, "decimal_places", 2),
            "min_value": getattr(form_field, "min_value", None),
            "max_value": getattr(form_field, "max_value", None),
        }
    label = str(form_field.label or "")
    field = VietnameseNumberField(
        percent="%" in label,
        label=form_field.label,
        required=form_field.required,
        initial=form_field.initial,
        help_text=form_field.help_text,
        disabled=form_field.disabled,
        **bounds,
    )
    return field


def _text_to_python(field, original, multiline: bool):
    def to_python(value):
        value = original(value)
        if value in field.empty_values:
            return value
        try:
            return clean_text(value, multiline=multiline, label=field.label)
        except TextError as exc:
            raise forms.ValidationError(str(exc), code="control_character") from exc

    return to_python


class PortalFormMixin:
    """First base of every form: clean text and Vietnamese numbers (see the module)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.portal_fields()

    def portal_fields(self) -> None:
        """Apply the rules to the fields; a form adding fields after __init__ calls it again."""
        model = getattr(getattr(self, "_meta", None), "model", None)
        for name, field in list(self.fields.items()):
            if getattr(field, "portal_cleaned", False) or isinstance(
                field.widget, forms.HiddenInput
            ):
                continue
            field.portal_cleaned = True
            if name == "year" or name.endswith("_year"):
                continue  # a year is a whole number without grouping: 2019, never 2.019
            if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
                model_field = None
                if model is not None:
                    try:
                        model_field = model._meta.get_field(name)
                    except FieldDoesNotExist:  # a form-only field
                        model_field = None
                replacement = number_field_for(field, model_field)
                replacement.widget.attrs.update(
                    {k: v for k, v in field.widget.attrs.items() if k not in {"step", "min", "max"}}
                )
                replacement.portal_cleaned = True
                self.fields[name] = replacement
            elif isinstance(field, forms.ModelChoiceField) and field.to_field_name is None:
                field.clean = _ids_checked(field, field.clean)
            elif isinstance(field, forms.CharField) and not isinstance(
                field.widget, forms.PasswordInput
            ):
                multiline = isinstance(field.widget, forms.Textarea)
                field.to_python = _text_to_python(field, field.to_python, multiline)


def _ids_checked(field, clean):
    """A choice of objects by id refuses what can be no id (20 digits, "NaN", "-1") as an
    invalid choice before the database sees it (SQLite overflows on a huge number)."""

    def checked(value):
        for item in value if isinstance(value, list | tuple) else [value]:
            if item not in field.empty_values and parse_id(item) is None:
                raise forms.ValidationError(
                    field.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(item)[:50]},
                )
        return clean(value)

    return checked


def plain_decimal(value: Decimal | None):
    """15 rather than 15.00 (the initial value of a number input)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value.normalize()


def service_errors_to_form(form, error: ValidationError, *, field_name=None) -> None:
    """Show a service's refusal on the form: on the field it names where the form has that
    field (field_name maps the service's key to the form's name), otherwise above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, messages in error.message_dict.items():
        name = field_name(key) if field_name else key
        form.add_error(name if name in form.fields else None, messages)


def _attributes(attrs: dict) -> str:
    """django/forms/widgets/attrs.html, in Python."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class QuickSelect(forms.Select):
    """Django's Select, written here rather than by a template include per option: a DOIT's
    list offers the province's hundred-odd units, whose option templates took about 8 ms of
    each page. The HTML is the templates' own (tests/reporting/test_lists.py compares). (The
    facility list's filters do the same in templates/facilities/_filter_select.html.)"""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"', widget["name"]), _attributes(widget["attrs"])]
        parts.append(">")
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append(format_html('\n  <option value="{}"', str(option["value"])))
                parts.append(_attributes(option["attrs"]))
                parts.append(format_html(">{}</option>\n", option["label"]))
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))
