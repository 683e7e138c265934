"""Sortable column headers that keep the list's filters in the URL."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_header(context, key: str, label: str):
    """A column header linking to the list sorted by `key`, ascending first, then descending;
    the other parameters of the URL (the filters) are kept and the page starts again."""
    request = context["request"]
    query = request.GET.copy()
    query.pop("page", None)
    current = query.get("sort", "")
    if current == key:
        query["sort"], arrow, state = f"-{key}", " ▲", "ascending"
    elif current == f"-{key}":
        query["sort"], arrow, state = key, " ▼", "descending"
    else:
        query["sort"], arrow, state = key, "", "none"
    return format_html(
        '<th scope="col" aria-sort="{}"><a href="?{}" title="{}">{}{}</a></th>',
        state,
        query.urlencode(),
        _("Sắp xếp theo cột này"),
        label,
        arrow,
    )


@register.simple_tag(takes_context=True)
def query_without_page(context) -> str:
    query = context["request"].GET.copy()
    query.pop("page", None)
    return query.urlencode()
