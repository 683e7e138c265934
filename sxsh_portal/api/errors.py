"""Errors as RFC 9457 problem details (application/problem+json), in the request's language
(Vietnamese unless the client chose English)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM = "application/problem+json"

TITLES = {
    400: _("Dữ liệu gửi lên không hợp lệ."),
    401: _("Chưa xác thực."),
    403: _("Không có quyền."),
    404: _("Không tìm thấy."),
    405: _("Phương thức không được hỗ trợ."),
    406: _("Không trả lời được ở định dạng yêu cầu."),
    409: _("Xung đột phiên bản."),
    415: _("Kiểu dữ liệu không được hỗ trợ."),
    429: _("Quá nhiều yêu cầu."),
}


def _messages(detail):
    """DRF's nested ErrorDetail structures as plain strings."""
    if isinstance(detail, dict):
        return {key: _messages(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [_messages(item) for item in detail]
    return str(detail)


def problem(status_code: int, detail=None, *, errors=None, headers=None) -> Response:
    body = {
        "type": "about:blank",
        "title": str(TITLES.get(status_code, _("Lỗi."))),
        "status": status_code,
    }
    if detail:
        body["detail"] = str(detail)
    if errors:
        body["errors"] = errors
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM)


def django_validation_errors(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {
            ("non_field_errors" if key == "__all__" else key): [str(m) for m in messages]
            for key, messages in exc.message_dict.items()
        }
    return {"non_field_errors": [str(message) for message in exc.messages]}


def problem_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        return problem(400, errors=django_validation_errors(exc))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    headers = {
        key: value
        for key, value in response.headers.items()
        if key in ("WWW-Authenticate", "Retry-After", "Allow")
    }
    detail = exc.detail if isinstance(exc, exceptions.APIException) else None
    if isinstance(exc, exceptions.ValidationError):
        errors = _messages(detail)
        if isinstance(errors, list):
            errors = {"non_field_errors": errors}
        return problem(status.HTTP_400_BAD_REQUEST, errors=errors, headers=headers)
    return problem(response.status_code, _messages(detail), headers=headers)
