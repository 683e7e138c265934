from django.urls import path

from . import urls_documents, views

app_name = "reporting"

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("xuat.xlsx", views.report_list_export, name="report_list_export"),
    path("tong-hop/", views.consolidated_list, name="consolidated_list"),
    path("tong-hop/xuat.xlsx", views.consolidated_list_export, name="consolidated_list_export"),
    path("ke-hoach/<int:pk>/", views.plan_years, name="plan_years"),
    path("ke-hoach/<int:pk>/mo-nam/", views.year_open, name="year_open"),
    path("nam/<int:pk>/", views.year_detail, name="year_detail"),
    path("nam/<int:pk>/nhac/", views.year_remind, name="year_remind"),
    path("nam/<int:pk>/tong-hop/", views.consolidated_detail, name="consolidated_detail"),
    path("nam/<int:pk>/tong-hop/gui/", views.consolidated_submit, name="consolidated_submit"),
    path("nam/<int:pk>/tong-hop/xuat.xlsx", views.consolidated_export, name="consolidated_export"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/sua/", views.report_edit, name="report_edit"),
    path("<int:pk>/luu-nhap/", views.report_autosave, name="report_autosave"),
    path("<int:pk>/cap-nhat-so-lieu/", views.report_refresh, name="report_refresh"),
    path("<int:pk>/gui/", views.report_submit, name="report_submit"),
    path("<int:pk>/chap-nhan/", views.report_accept, name="report_accept"),
    path("<int:pk>/tra-lai/", views.report_return, name="report_return"),
    path("<int:pk>/mo-lai/", views.report_reopen, name="report_reopen"),
    path("<int:pk>/xuat.xlsx", views.report_export, name="report_export"),
    path("<int:pk>/nhap/", views.report_import, name="report_import"),
    path("<int:pk>/nhap/xac-nhan/", views.report_import_confirm, name="report_import_confirm"),
    path("<int:pk>/hoat-dong/them/", views.activity_add, name="activity_add"),
    path("hoat-dong/<int:pk>/xoa/", views.activity_delete, name="activity_delete"),
    path("<int:pk>/dinh-kem/them/", views.attachment_add, name="attachment_add"),
    path("dinh-kem/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("dinh-kem/<int:pk>/xoa/", views.attachment_delete, name="attachment_delete"),
]

# PDF documents keep their routes in a module of their own.
urlpatterns += urls_documents.urlpatterns
