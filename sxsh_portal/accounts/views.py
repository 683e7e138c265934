import logging
import smtplib

from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from sxsh_portal.ratelimit import rate_limited

from . import selectors, services
from .access import may_grant_role, may_manage_roles
from .forms import PasswordResetMailForm, RoleGrantForm
from .models import RoleAssignment

logger = logging.getLogger(__name__)


class ProfileView(LoginRequiredMixin, TemplateView):
    template_name = "accounts/profile.html"


def _require_role_manager(request):
    # A province (or anyone else) never learns that the page exists.
    if not may_manage_roles(request.user):
        raise Http404


@login_required
def role_list(request):
    _require_role_manager(request)
    form = RoleGrantForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.role_grant(
                actor=request.user, user=data["user"], role=data["role"], agency=data["agency"]
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Đã cấp vai trò: %(role)s.") % {"role": assignment})
            return redirect("accounts:role_list")
    context = {
        "form": form,
        "assignments": selectors.role_assignments(),
        "history": selectors.role_history(limit=50),
        "revocable": {
            value
            for value, _label in RoleAssignment.Role.choices
            if may_grant_role(request.user, value)
        },
    }
    return render(request, "accounts/role_list.html", context)


@login_required
@require_POST
def role_revoke(request, pk):
    _require_role_manager(request)
    assignment = get_object_or_404(RoleAssignment.objects.select_related("user", "agency"), pk=pk)
    try:
        services.role_withdraw(actor=request.user, assignment=assignment)
    except PermissionDenied:
        messages.error(request, _("Chỉ quản trị hệ thống được thu hồi vai trò Bộ Công Thương."))
    else:
        messages.success(request, _("Đã thu hồi vai trò: %(role)s.") % {"role": assignment})
    return redirect("accounts:role_list")


class PasswordResetView(auth_views.PasswordResetView):
    """Rate-limited per address and per e-mail; a mail server failure is said, not hidden."""

    form_class = PasswordResetMailForm

    def post(self, request, *args, **kwargs):
        if rate_limited(request, action="password_reset", targets=[request.POST.get("email", "")]):
            form = self.get_form()
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Đã có quá nhiều yêu cầu đặt lại mật khẩu từ máy này hoặc cho địa chỉ này "
                    "trong một giờ. Hãy thử lại sau."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (smtplib.SMTPException, OSError):
            logger.exception("Password reset mail not sent")
            form.add_error(
                None,
                _(
                    "Chưa gửi được thư đặt lại mật khẩu vì máy chủ thư đang gặp sự cố. "
                    "Hãy thử lại sau ít phút hoặc liên hệ quản trị hệ thống."
                ),
            )
            return self.form_invalid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password through the mailed link also lifts a login lock."""

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=form.user.get_username())
        return response
