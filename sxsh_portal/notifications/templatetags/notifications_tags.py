from django import template

from ..selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/_nav_item.html", takes_context=True)
def notifications_nav(context):
    """The bell of the navigation bar with the number of unread notifications."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"count": unread_count(user=user) if user is not None else 0}
