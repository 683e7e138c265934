from django.urls import path

from . import views

app_name = "strategies"

urlpatterns = [
    path("", views.strategy_list, name="strategy_list"),
    path("ke-hoach/", views.plan_list, name="plan_list"),
    path("co-quan/", views.agency_list, name="agency_list"),
]
