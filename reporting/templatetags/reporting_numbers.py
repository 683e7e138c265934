"""`figure`: how the consolidated page and its PDF write a number (1.234,5; at most two
decimals, trailing zeros dropped: 38,1 not 38,10), so that a table and a chart agree."""

from django import template

from ..pdf import number

register = template.Library()


@register.filter
def figure(value, suffix: str = ""):
    """`{{ row.actual|figure:"%" }}` → "38,1%"; "—" for no value."""
    if value is None or value == "":
        return "—"
    return f"{number(value)}{suffix}"


@register.filter
def figure_of(value, row):
    """A figure with the row's unit sign: "%" where the row is a share."""
    return figure(value, "%" if getattr(row, "is_percent", False) else "")
