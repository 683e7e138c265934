"""The public registration, answered the same way whether or not the username or tax code is
already known, so the form cannot be used to probe the registry or the user list."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from ..models import Facility
from .registry import facility_register

logger = logging.getLogger(__name__)


def _tell_the_applicant(*, email: str, username: str, tax_code: str, taken: list[str]) -> None:
    # Only the owner of the given address learns why; the page says the same to everyone.
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "facilities/email/registration.txt",
            {"username": username, "tax_code": tax_code, "taken": taken},
        )
        subject = render_to_string(
            "facilities/email/registration_subject.txt", {"taken": taken}
        ).strip()
    try:
        send_mail(subject, body, None, [email])
    except Exception:
        logger.exception("Registration mail not sent")


def facility_registration_receive(**kwargs) -> Facility | None:
    """Register the facility, or, when the username or tax code is taken, create nothing.
    Either way the applicant gets a mail saying which; returns the facility or None."""
    username, tax_code = kwargs["username"].strip(), kwargs["tax_code"].strip()
    taken = []
    if Facility.objects.filter(tax_code=tax_code).exists():
        taken.append("tax_code")
    if get_user_model().objects.filter(username__iexact=username).exists():
        taken.append("username")
    facility = None
    if not taken:
        try:
            facility = facility_register(**kwargs)
        except ValidationError as exc:
            # Two registrations of the same tax code or username at the same moment.
            if not {"tax_code", "username"} & set(getattr(exc, "error_dict", {})):
                raise
            taken = sorted({"tax_code", "username"} & set(exc.error_dict))
    _tell_the_applicant(email=kwargs["email"], username=username, tax_code=tax_code, taken=taken)
    return facility
