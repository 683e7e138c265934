"""URLs of the dashboards pages, in the reporting namespace (see reporting/urls.py)."""

urlpatterns: list = []
