"""One mechanism for every create form: the form carries a token (`{% form_token %}`),
and the view is wrapped in `once_per_token`. The first POST with a token claims it (a
unique row) and records the page it redirected to; a second POST with the same token —
a double click, a resend — is answered with a redirect to that same page and runs nothing.
A submission that did not redirect (the form had errors) gives its token back, so the
corrected form can be sent again.
"""

from __future__ import annotations

import datetime
import functools
import re
import time

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import FormSubmission

TOKEN_FIELD = "form_token"
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
# Tokens are kept long enough to catch a resend, then swept.
KEEP = datetime.timedelta(days=2)
# How long a second click waits for the first one's answer.
WAIT_SECONDS = 5.0
POLL_SECONDS = 0.1


def _key(request, token: str) -> str:
    # The token is random (128 bits) and only in the page the user was given.
    owner = f"u{request.user.pk}" if request.user.is_authenticated else "anonymous"
    return f"{owner}:{request.path}:{token}"


def _claim(request, key: str) -> bool:
    user = request.user if request.user.is_authenticated else None
    try:
        with transaction.atomic():
            FormSubmission.objects.create(key=key, user=user)
    except IntegrityError:
        return False
    return True


def _answer_of_first(request, key: str):
    """Redirect to the first submission's result, waiting briefly for it to finish."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        result = FormSubmission.objects.filter(key=key).values_list("result_url", flat=True)
        url = result.first()
        if url:
            return redirect(url)
        if url is None:
            return None  # the first one had errors and gave its token back
        if time.monotonic() >= deadline:
            break
        time.sleep(POLL_SECONDS)
    messages.info(request, _("Biểu mẫu này đang được xử lý; hãy tải lại trang sau ít giây."))
    return redirect(request.path)


def once_per_token(view):
    """Decorate a view handling a create form (see the module)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        token = request.POST.get(TOKEN_FIELD, "") if request.method == "POST" else ""
        if not _TOKEN.match(token):
            return view(request, *args, **kwargs)
        key = _key(request, token)
        if not _claim(request, key):
            answer = _answer_of_first(request, key)
            if answer is not None or not _claim(request, key):
                return answer or redirect(request.path)
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            FormSubmission.objects.filter(key=key).delete()
            raise
        if response.status_code in (301, 302, 303) and response.get("Location"):
            FormSubmission.objects.filter(key=key).update(result_url=response["Location"])
            FormSubmission.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
        else:
            FormSubmission.objects.filter(key=key).delete()
        return response

    return wrapped
