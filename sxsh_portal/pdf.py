"""PDF rendering: a pure function from a template and its context to PDF bytes.

WeasyPrint is imported lazily: it needs Pango from the system, and the rest of the portal must
run on a machine that lacks it (`manage.py check_pdf_support` tells the newcomer what to install).
"""

from django.conf import settings
from django.template.loader import render_to_string
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
