"""Ids from the query string or a form, checked before they reach the database."""

from django import forms

# The largest value of a 64-bit primary key (BigAutoField); SQLite overflows above it.
MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """The id in `value`, or None for anything that cannot be a primary key."""
    text = str(value or "").strip()
    if not text.isdecimal() or not text.isascii() or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


class IdModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that answers an impossible id as an invalid choice (not a 500)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if self.to_field_name is None and parse_id(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)
