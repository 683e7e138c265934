"""URLs of the documents pages, in the reporting namespace (see reporting/urls.py)."""

from django.urls import path

from .views import documents

urlpatterns: list = [
    path("nam/<int:pk>/tong-hop/pdf/", documents.consolidated_pdf, name="consolidated_pdf"),
    path(
        "nam/<int:pk>/tong-hop/pdf/trang-thai/",
        documents.consolidated_pdf_status,
        name="consolidated_pdf_status",
    ),
    path("<int:pk>/pdf/", documents.report_pdf, name="report_pdf"),
    path("<int:pk>/pdf/trang-thai/", documents.report_pdf_status, name="report_pdf_status"),
]
