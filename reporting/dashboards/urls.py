"""URLs of the dashboards, under /bao-cao/ beside the reporting cycle's (sxsh_portal/urls.py)."""

from django.urls import path

from .views import dashboards as views

app_name = "dashboards"

urlpatterns: list = [
    path("bang-dieu-khien/", views.dashboard_home, name="home"),
    path("bang-dieu-khien/quoc-gia/", views.dashboard_national, name="national"),
    path(
        "bang-dieu-khien/quoc-gia/xuat.xlsx",
        views.dashboard_national_xlsx,
        name="national_xlsx",
    ),
    path(
        "bang-dieu-khien/quoc-gia/xuat.pdf",
        views.dashboard_national_pdf,
        name="national_pdf",
    ),
    path("bang-dieu-khien/tinh/<int:pk>/", views.dashboard_province, name="province"),
    path(
        "bang-dieu-khien/tinh/<int:pk>/xuat.xlsx",
        views.dashboard_province_xlsx,
        name="province_xlsx",
    ),
    path(
        "bang-dieu-khien/tinh/<int:pk>/xuat.pdf",
        views.dashboard_province_pdf,
        name="province_pdf",
    ),
    path("bang-dieu-khien/don-vi/<int:pk>/", views.dashboard_unit, name="unit"),
    path(
        "bang-dieu-khien/don-vi/<int:pk>/xuat.xlsx",
        views.dashboard_unit_xlsx,
        name="unit_xlsx",
    ),
    path(
        "bang-dieu-khien/don-vi/<int:pk>/xuat.pdf",
        views.dashboard_unit_pdf,
        name="unit_pdf",
    ),
    path("so-lieu/", views.dashboard_public, name="public"),
    path("so-lieu/xuat.xlsx", views.dashboard_public_xlsx, name="public_xlsx"),
    path("so-lieu/xuat.pdf", views.dashboard_public_pdf, name="public_pdf"),
]
