"""What the authoring pages share: rendering a form or a formset, and service errors."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render

from sxsh_portal.concurrency import StaleObjectError, expected_version, refuse_stale


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


def show_errors(request, form, error: ValidationError) -> None:
    """Put a service's refusal on the form (by field where it names one) and as messages."""
    if hasattr(error, "error_dict") and form is not None:
        for field, errors in error.error_dict.items():
            for item in errors:
                form.add_error(field if field in form.fields else None, item)
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
