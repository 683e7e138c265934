"""The user's own notifications: the list, marking read, the e-mail setting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import PreferenceForm
from .models import Notification

PAGE_SIZE = 30


@login_required
def notification_list(request):
    notifications = selectors.notifications_of(user=request.user)
    if request.GET.get("chua-doc"):
        notifications = notifications.filter(read_at__isnull=True)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "unread_only": bool(request.GET.get("chua-doc")),
    }
    return render(request, "notifications/list.html", context)


@login_required
@require_POST
def notification_open(request, pk):
    """Mark one notification read and go where it points (only within the portal)."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notification_mark_read(user=request.user, notification_id=notification.pk)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect("notifications:list")
    return HttpResponseRedirect(target)


@login_required
@require_POST
def notification_read_all(request):
    count = services.notification_mark_read(user=request.user)
    messages.success(request, _("Đã đánh dấu %(count)s thông báo là đã đọc.") % {"count": count})
    return redirect("notifications:list")


@login_required
@require_POST
def preference_set(request):
    form = PreferenceForm(request.POST)
    form.is_valid()  # a lone checkbox: absent means off, never invalid
    enabled = bool(form.cleaned_data.get("email_enabled"))
    services.notification_preference_set(user=request.user, email_enabled=enabled)
    if enabled:
        messages.success(request, _("Bạn sẽ nhận thông báo qua thư điện tử."))
    else:
        messages.success(request, _("Đã tắt thư thông báo; thông báo vẫn hiện trong cổng."))
    target = request.POST.get("next", "")
    # Only a path of this portal; anything else ("NaN", another host) goes to the list.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect("notifications:list")
