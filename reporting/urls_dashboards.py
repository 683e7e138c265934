"""URLs of the dashboards pages, in the reporting namespace (see reporting/urls.py)."""

from django.urls import path

from .views import dashboards as views

urlpatterns: list = [
    path("bang-dieu-khien/", views.dashboard_home, name="dashboard_home"),
    path("bang-dieu-khien/quoc-gia/", views.dashboard_national, name="dashboard_national"),
    path(
        "bang-dieu-khien/quoc-gia/xuat.xlsx",
        views.dashboard_national_xlsx,
        name="dashboard_national_xlsx",
    ),
    path(
        "bang-dieu-khien/quoc-gia/xuat.pdf",
        views.dashboard_national_pdf,
        name="dashboard_national_pdf",
    ),
    path("bang-dieu-khien/tinh/<int:pk>/", views.dashboard_province, name="dashboard_province"),
    path(
        "bang-dieu-khien/tinh/<int:pk>/xuat.xlsx",
        views.dashboard_province_xlsx,
        name="dashboard_province_xlsx",
    ),
    path(
        "bang-dieu-khien/tinh/<int:pk>/xuat.pdf",
        views.dashboard_province_pdf,
        name="dashboard_province_pdf",
    ),
    path("bang-dieu-khien/don-vi/<int:pk>/", views.dashboard_unit, name="dashboard_unit"),
    path(
        "bang-dieu-khien/don-vi/<int:pk>/xuat.xlsx",
        views.dashboard_unit_xlsx,
        name="dashboard_unit_xlsx",
    ),
    path(
        "bang-dieu-khien/don-vi/<int:pk>/xuat.pdf",
        views.dashboard_unit_pdf,
        name="dashboard_unit_pdf",
    ),
    path("so-lieu/", views.dashboard_public, name="dashboard_public"),
    path("so-lieu/xuat.xlsx", views.dashboard_public_xlsx, name="dashboard_public_xlsx"),
    path("so-lieu/xuat.pdf", views.dashboard_public_pdf, name="dashboard_public_pdf"),
]
