import uuid

from django import template
from django.utils.html import format_html

from ..tokens import TOKEN_FIELD

register = template.Library()


@register.simple_tag
def form_token():
    """A fresh token for one rendering of a form; both clicks of a double submit carry it."""
    return format_html('<input type="hidden" name="{}" value="{}">', TOKEN_FIELD, uuid.uuid4().hex)
