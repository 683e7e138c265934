from django import template

from ..selectors import email_enabled, unread_count

register = template.Library()


@register.inclusion_tag("notifications/_nav_item.html", takes_context=True)
def notifications_nav(context):
    """The bell of the navigation bar with the number of unread notifications."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"count": unread_count(user=user) if user is not None else 0}


@register.inclusion_tag("notifications/_preference_form.html", takes_context=True)
def notification_preference_form(context):
    """The e-mail on/off setting, on the profile page and the notification list."""
    request = context["request"]
    return {
        "csrf_token": context.get("csrf_token"),
        "email_enabled": email_enabled(user=request.user),
        "next": request.get_full_path(),
    }
