from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    # No models, so nothing shows a verbose name (and no string to translate).
    name = "reporting.dashboards"
    label = "dashboards"
