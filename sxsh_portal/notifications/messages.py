"""The words of every notification, by kind. Stored as kind + parameters so that the list
in the portal follows the reader's language; e-mails are rendered in Vietnamese."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REPORT_SUBMITTED = "report_submitted", _("Báo cáo được gửi")
    REPORT_RETURNED = "report_returned", _("Báo cáo bị trả lại")
    REPORT_ACCEPTED = "report_accepted", _("Báo cáo được chấp nhận")
    REPORT_REOPENED = "report_reopened", _("Báo cáo được mở lại")
    REPORT_REMINDER = "report_reminder", _("Nhắc gửi báo cáo")
    CONSOLIDATED_SENT = "consolidated_sent", _("Báo cáo tổng hợp được gửi")
    REGISTRATION_VERIFIED = "registration_verified", _("Hồ sơ cơ sở được xác minh")
    REGISTRATION_REJECTED = "registration_rejected", _("Hồ sơ cơ sở bị từ chối")
    MEASURE_PUBLISHED = "measure_published", _("Giải pháp được công bố")


SUBJECTS = {
    Kind.REPORT_SUBMITTED: _("%(agency)s đã gửi báo cáo năm %(year)s"),
    Kind.REPORT_RETURNED: _("Báo cáo năm %(year)s của %(agency)s bị trả lại"),
    Kind.REPORT_ACCEPTED: _("Báo cáo năm %(year)s của %(agency)s đã được chấp nhận"),
    Kind.REPORT_REOPENED: _("Báo cáo năm %(year)s của %(agency)s được mở lại để sửa"),
    Kind.REPORT_REMINDER: _("Nhắc gửi báo cáo năm %(year)s của %(agency)s"),
    Kind.CONSOLIDATED_SENT: _("%(province)s đã gửi báo cáo tổng hợp năm %(year)s"),
    Kind.REGISTRATION_VERIFIED: _("Hồ sơ của %(facility)s đã được xác minh"),
    Kind.REGISTRATION_REJECTED: _("Hồ sơ đăng ký của %(facility)s bị từ chối"),
    Kind.MEASURE_PUBLISHED: _("Giải pháp “%(measure)s” của %(facility)s đã được công bố"),
}

BODIES = {
    Kind.REPORT_SUBMITTED: _(
        "%(agency)s đã gửi báo cáo kết quả thực hiện sản xuất sạch hơn năm %(year)s. "
        "Vui lòng xem xét, chấp nhận hoặc trả lại báo cáo."
    ),
    Kind.REPORT_RETURNED: _(
        "Sở Công Thương đã trả lại báo cáo năm %(year)s của %(agency)s để sửa. Lý do: %(reason)s"
    ),
    Kind.REPORT_ACCEPTED: _("Sở Công Thương đã chấp nhận báo cáo năm %(year)s của %(agency)s."),
    Kind.REPORT_REOPENED: _(
        "Sở Công Thương đã mở lại báo cáo năm %(year)s của %(agency)s để sửa. Lý do: %(reason)s"
    ),
    Kind.REPORT_REMINDER: _(
        "Sở Công Thương nhắc %(agency)s hoàn thành và gửi báo cáo kết quả thực hiện sản xuất "
        "sạch hơn năm %(year)s (hạn gửi: %(due)s)."
    ),
    Kind.CONSOLIDATED_SENT: _(
        "Sở Công Thương %(province)s đã gửi báo cáo tổng hợp kết quả thực hiện sản xuất "
        "sạch hơn năm %(year)s đến Bộ Công Thương."
    ),
    Kind.REGISTRATION_VERIFIED: _(
        "Sở Công Thương đã xác minh thông tin của %(facility)s trên cổng thông tin."
    ),
    Kind.REGISTRATION_REJECTED: _(
        "Sở Công Thương đã từ chối hồ sơ đăng ký của %(facility)s. Lý do: %(reason)s"
    ),
    Kind.MEASURE_PUBLISHED: _(
        "Sở Công Thương đã duyệt công bố giải pháp “%(measure)s” của %(facility)s trong thư "
        "viện mô hình điển hình."
    ),
}


class _Missing(dict):
    # A parameter missing from an old row shows as empty rather than breaking the page.
    def __missing__(self, key):
        return ""


def subject_of(kind: str, params: dict) -> str:
    text = SUBJECTS.get(kind)
    return str(text) % _Missing(params) if text else kind


def body_of(kind: str, params: dict) -> str:
    text = BODIES.get(kind)
    return str(text) % _Missing(params) if text else ""


def email_of(kind: str, params: dict, *, name: str, url: str) -> tuple[str, str]:
    """Subject and body of the e-mail, in the active language (the caller sets Vietnamese)."""
    subject = "[SXSH] " + subject_of(kind, params)
    parts = [gettext("Kính gửi %(name)s,") % {"name": name}, body_of(kind, params)]
    if url:
        parts.append(gettext("Xem chi tiết tại: %(url)s") % {"url": url})
    parts.append(
        gettext(
            "Đây là thư tự động của Cổng thông tin Sản xuất sạch hơn; xin không trả lời. "
            "Bạn có thể tắt thư thông báo trong trang “Tài khoản của tôi”."
        )
    )
    return subject, "\n\n".join(parts)
