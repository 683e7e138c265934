from django import template

register = template.Library()


@register.filter
def minutes(duration) -> int:
    """Whole minutes of a timedelta (the login lock's cool-off), rounded up."""
    seconds = duration.total_seconds() if duration else 0
    return int(-(-seconds // 60))
