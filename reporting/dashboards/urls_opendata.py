from django.urls import path, re_path

from .views import opendata

app_name = "opendata"

urlpatterns = [
    path("", opendata.open_data_index, name="index"),
    re_path(r"^so-lieu\.(?P<fmt>csv|json)$", opendata.figures_download, name="figures"),
    re_path(r"^thu-vien\.(?P<fmt>csv|json)$", opendata.cases_download, name="cases"),
]
