"""The user's own API tokens: list, create (the key shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors
from .forms import TokenCreateForm
from .services import api_token_create, api_token_revoke


def _page(request, form, *, new_key: str = "", status: int = 200):
    context = {
        "tokens": selectors.tokens_of(user=request.user),
        "form": form,
        "new_key": new_key,
    }
    return render(request, "api/tokens.html", context, status=status)


@login_required
def token_list(request):
    if request.method != "POST":
        return _page(request, TokenCreateForm())
    form = TokenCreateForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        token, raw = api_token_create(user=request.user, **form.cleaned_data)
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
        return _page(request, form, status=400)
    messages.success(
        request,
        _("Đã tạo khoá “%(name)s”. Hãy sao chép khoá ngay: Cổng sẽ không hiển thị lại.")
        % {"name": token.name},
    )
    # Rendered, not redirected: the key must never travel in a URL or a stored message.
    response = _page(request, TokenCreateForm(), new_key=raw, status=201)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = selectors.token_of_user_get(user=request.user, pk=pk)
    api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("Đã thu hồi khoá “%(name)s”.") % {"name": token.name})
    return redirect("api_tokens:list")
