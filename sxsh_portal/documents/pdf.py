"""PDF rendering: a pure function from a template and its context to PDF bytes, and the
administrative frame (the header) every generated document shares.

WeasyPrint is imported lazily: it needs Pango from the system, and the rest of the portal must
run on a machine that lacks it (`manage.py check_pdf_support` tells the newcomer what to install).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

PANGO_HINT = _(
    "Thiếu thư viện Pango để tạo PDF (WeasyPrint). Cài đặt: "
    "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 — phần còn lại của cổng vẫn chạy."
)

# Fonts shipped in static/fonts, resolved relative to this base URL by WeasyPrint.
FONT_BASE_URL = settings.BASE_DIR / "static"


def pdf_support_problem() -> str | None:
    """None when WeasyPrint can render here, else a one-line Vietnamese explanation."""
    try:
        import weasyprint  # noqa: F401
    except OSError:
        return str(PANGO_HINT)
    return None


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a Django template to PDF bytes. No side effects: callers store the result."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string(template_name, context)
    font_config = FontConfiguration()
    document = HTML(string=html, base_url=str(FONT_BASE_URL) + "/")
    return document.write_pdf(font_config=font_config)


# The official document is Vietnamese whatever language the requester browses in.
DOCUMENT_LANGUAGE = "vi"


def dataclass_from_json(cls, data: dict):
    """A dataclass from its JSON form: ISO dates and decimal strings back to their types."""
    values = {}
    for item in fields(cls):
        if item.name not in data:
            continue
        value = data[item.name]
        kind = str(item.type)
        if value not in (None, "") and "datetime.date" in kind and isinstance(value, str):
            value = datetime.date.fromisoformat(value)
        elif value not in (None, "") and "Decimal" in kind:
            value = Decimal(str(value))
        values[item.name] = value
    return cls(**values)


@dataclass
class DocumentHeader:
    """The administrative frame: issuing body, number, place and date, title, recipients."""

    issuer: str
    number: str
    place: str
    date: datetime.date
    title: str
    subtitle: str = ""
    issuer_parent: str = ""
    recipients: list[str] = field(default_factory=list)
    copies_to: list[str] = field(default_factory=list)
    signer_title: str = ""
    signer_name: str = ""
    is_draft: bool = False

    @classmethod
    def from_dict(cls, data: dict) -> DocumentHeader:
        return dataclass_from_json(cls, data)

    def context(self) -> dict:
        return {
            "issuer_parent": self.issuer_parent,
            "issuer": self.issuer,
            "document_number": self.number,
            "place": self.place,
            "document_date": self.date,
            "document_title": self.title,
            "document_subtitle": self.subtitle,
            "recipients": self.recipients,
            "copies_to": self.copies_to,
            "signer_title": self.signer_title,
            "signer_name": self.signer_name,
            "is_draft": self.is_draft,
        }


def render_document_pdf(template_name: str, header: DocumentHeader, context: dict) -> bytes:
    """A generated document's PDF: its template with the header's frame, in Vietnamese."""
    with translation.override(DOCUMENT_LANGUAGE):
        return render_pdf(template_name, {**header.context(), **context})
