"""URLs of the documents pages, in the reporting namespace (see reporting/urls.py)."""

urlpatterns: list = []
