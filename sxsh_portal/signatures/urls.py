from django.urls import path

from . import views

app_name = "signatures"

urlpatterns = [
    path("xac-minh/", views.verify, name="verify"),
    path("<slug:slug>/<int:pk>/trang-thai/", views.status, name="status"),
    path("<slug:slug>/<int:pk>/tai-len/", views.upload, name="upload"),
    path("ban-ky-so/<int:pk>/tai-ve.pdf", views.download, name="download"),
]
