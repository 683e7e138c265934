"""The download of a finished document (the request and status URLs belong to the pages)."""

from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("<int:pk>/tai-ve.pdf", views.document_download, name="document_download"),
]
