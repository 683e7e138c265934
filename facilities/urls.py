from django.urls import path

from . import views

app_name = "facilities"

urlpatterns = [
    path("", views.facility_list, name="facility_list"),
    path("loc/don-vi/", views.facility_filter_units, name="facility_filter_units"),
    path("xuat.xlsx", views.facility_export, name="facility_export"),
    path("dang-ky/", views.register, name="register"),
    path("dang-ky/da-gui/", views.register_done, name="register_done"),
    path("dang-ky/don-vi/", views.register_units, name="register_units"),
    path("thu-vien/", views.library, name="library"),
    path("thu-vien/<int:pk>/", views.library_detail, name="library_detail"),
    path("nhap/", views.import_upload, name="import_upload"),
    path("nhap/xac-nhan/", views.import_confirm, name="import_confirm"),
    path("nhap/mau.xlsx", views.import_template, name="import_template"),
    path("giai-phap/cho-duyet/", views.measure_approval_list, name="measure_approval_list"),
    path(
        "giai-phap/cho-duyet/xuat.xlsx",
        views.measure_approval_export,
        name="measure_approval_export",
    ),
    path("giai-phap/<int:pk>/sua/", views.measure_edit, name="measure_edit"),
    path("giai-phap/<int:pk>/cong-bo/", views.measure_publish, name="measure_publish"),
    path("giai-phap/<int:pk>/duyet/", views.measure_approve, name="measure_approve"),
    path("<int:pk>/", views.facility_detail, name="facility_detail"),
    path("<int:pk>/sua/", views.facility_edit, name="facility_edit"),
    path("<int:pk>/xac-minh/", views.facility_verify, name="facility_verify"),
    path("<int:pk>/tu-choi/", views.facility_reject, name="facility_reject"),
    path("<int:pk>/thay-doi/", views.facility_changes, name="facility_changes"),
    path("<int:pk>/nam/them/", views.status_edit, name="status_create"),
    path("<int:pk>/nam/<int:year>/", views.status_edit, name="status_edit"),
    path("<int:pk>/giai-phap/them/", views.measure_create, name="measure_create"),
    path("<int:pk>/pdf/", views.facility_pdf, name="facility_pdf"),
    path("<int:pk>/pdf/trang-thai/", views.facility_pdf_status, name="facility_pdf_status"),
]
