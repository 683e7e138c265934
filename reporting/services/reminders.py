"""Deadline reminders: one e-mail per report and step of the schedule, never two.

For each report not yet sent, the step due today is the smallest scheduled number of days
at or above the days left (so a report opened 5 days before its deadline still gets the
"7 days" reminder, once). ReminderSent's unique constraint makes a second run — or two runs
at once — send nothing more: the row is inserted first, and a row that already exists means
somebody else sent it.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sxsh_portal.accounts.selectors import unit_recipients

from ..models import ReminderSent, ReminderStep, UnitReport

# Overdue notices stop a month after the deadline: an old year left open is not news.
OVERDUE_WINDOW_DAYS = 30


def reminder_step_for(*, days_left: int, steps: list[int]) -> int | None:
    """The step that applies when the due date is `days_left` days away (negative: past)."""
    candidates = [step for step in steps if step >= days_left]
    if not candidates:
        return None
    if days_left < min(steps) - OVERDUE_WINDOW_DAYS:
        return None
    return min(candidates)


def _message(report: UnitReport, days_left: int) -> tuple[str, str]:
    context = {
        "year": report.reporting_year.year,
        "agency": report.agency.name,
        "due": date_format(report.due_date, "SHORT_DATE_FORMAT"),
        "days": abs(days_left),
        "url": f"{settings.SITE_URL.rstrip('/')}{report.get_absolute_url()}"
        if getattr(settings, "SITE_URL", "")
        else report.get_absolute_url(),
    }
    if days_left < 0:
        subject = _("[SXSH] Báo cáo năm %(year)s của %(agency)s đã quá hạn") % context
        lead = _(
            "Báo cáo kết quả thực hiện sản xuất sạch hơn năm %(year)s của %(agency)s đã quá "
            "hạn %(days)s ngày (hạn gửi: %(due)s)."
        )
    elif days_left == 0:
        subject = _("[SXSH] Hôm nay là hạn gửi báo cáo năm %(year)s") % context
        lead = _(
            "Hôm nay (%(due)s) là hạn gửi báo cáo kết quả thực hiện sản xuất sạch hơn năm "
            "%(year)s của %(agency)s."
        )
    else:
        subject = _("[SXSH] Còn %(days)s ngày đến hạn gửi báo cáo năm %(year)s") % context
        lead = _(
            "Còn %(days)s ngày đến hạn gửi báo cáo kết quả thực hiện sản xuất sạch hơn năm "
            "%(year)s của %(agency)s (hạn gửi: ngày %(due)s)."
        )
    body = "\n\n".join(
        [
            _("Kính gửi %(agency)s,") % context,
            lead % context,
            _("Vui lòng hoàn thành và gửi báo cáo về Sở Công Thương tại: %(url)s") % context,
            _("Đây là thư tự động của Cổng thông tin Sản xuất sạch hơn; xin không trả lời."),
        ]
    )
    return subject, body


def deadline_reminders_send(*, today: datetime.date) -> int:
    """Send the reminders due `today`; returns how many e-mails went out."""
    steps = list(ReminderStep.objects.filter(is_active=True).values_list("days_before", flat=True))
    if not steps:
        return 0
    horizon = today + datetime.timedelta(days=max(steps))
    reports = (
        UnitReport.objects.filter(
            state__in=[UnitReport.State.DRAFT, UnitReport.State.RETURNED], due_date__lte=horizon
        )
        .select_related("agency", "reporting_year")
        .order_by("due_date", "pk")
    )
    sent = 0
    for report in reports:
        days_left = (report.due_date - today).days
        step = reminder_step_for(days_left=days_left, steps=steps)
        if step is None:
            continue
        if ReminderSent.objects.filter(report=report, days_before=step).exists():
            continue
        recipients = unit_recipients(agency=report.agency)
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    report=report, days_before=step, recipients=", ".join(recipients)
                )
                if recipients:
                    subject, body = _message(report, days_left)
                    # Sent inside the transaction: if the mail server fails, the row rolls
                    # back and the next run tries again.
                    send_mail(subject, body, None, recipients)
        except IntegrityError:
            continue  # another run sent this one
        if recipients:
            sent += 1
    return sent
