"""What the authoring pages share: rendering a form or a formset, and service errors."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from sxsh_portal.concurrency import (
    StaleObjectError,
    expected_version,
    refuse_stale,
    version_posted,
)
from sxsh_portal.forms import service_errors_to_form

from .forms import formset_rows


def saved(request, form, save) -> bool:
    """Call save(expected_version) with the version the form was rendered from; a stale or
    refused save keeps what the user typed, with the message, and answers False."""
    version = expected_version(form)
    try:
        save(version)
    except StaleObjectError as error:
        refuse_stale(form, error)
        return False
    except ValidationError as error:
        show_errors(request, form, error)
        return False
    return True


def section_saved(request, *, formset, save, title: str) -> bool:
    """Save a posted section (rows of a formset) with save(actor, rows, expected_version) and
    say so; a stale or refused save stays on the page with the message and answers False."""
    if request.method != "POST" or not formset.is_valid():
        return False
    try:
        save(
            actor=request.user,
            rows=formset_rows(formset),
            expected_version=version_posted(request.POST.get("section_version")),
        )
    except StaleObjectError as error:
        messages.error(request, error.message)
        return False
    except ValidationError as error:
        show_errors(request, None, error)
        return False
    messages.success(request, _("Đã lưu: %(section)s.") % {"section": title})
    return True


def show_errors(request, form, error: ValidationError) -> None:
    """Put a service's refusal on the form (by field where it names one) and as messages."""
    if hasattr(error, "error_dict") and form is not None:
        service_errors_to_form(form, error)
        return
    for text in error.messages:
        messages.error(request, text)


def form_page(
    request, *, title: str, form, back_url: str, breadcrumbs=(), intro: str = "", **extra
):
    context = {
        "title": title,
        "form": form,
        "back_url": back_url,
        "breadcrumbs": breadcrumbs,
        "intro": intro,
        **extra,
    }
    return render(request, "strategies/authoring/form_page.html", context)


def formset_page(
    request,
    *,
    title: str,
    formset,
    back_url: str,
    breadcrumbs=(),
    intro: str = "",
    version: int | None = None,
):
    context = {
        "version": version,
        "title": title,
        "formset": formset,
        "back_url": back_url,
        "breadcrumbs": breadcrumbs,
        "intro": intro,
    }
    return render(request, "strategies/authoring/formset_page.html", context)
