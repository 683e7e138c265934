"""The DOIT reminds every unit of a year that has not sent its report, in one click."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sxsh_portal.accounts.access import scope_for

from .. import access, selectors, services


@login_required
@require_POST
def year_remind(request, pk):
    scope = scope_for(request.user)
    reporting_year = selectors.year_get(scope=scope, pk=pk)
    if not access.reporting_year_may_manage(scope, reporting_year):
        raise PermissionDenied
    try:
        batch = services.reporting_year_remind_unsent(
            reporting_year=reporting_year, actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Đã nhắc %(units)s đơn vị chưa gửi báo cáo (%(count)s thông báo).")
            % {"units": batch.units_count, "count": batch.notifications_count},
        )
        if batch.unreached:
            messages.warning(
                request,
                _(
                    "Các đơn vị sau chưa có tài khoản trên Cổng nên không nhận được lời nhắc; "
                    "hãy liên hệ trực tiếp: %(names)s."
                )
                % {"names": ", ".join(batch.unreached)},
            )
    return redirect(reporting_year)
