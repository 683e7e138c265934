from django.urls import path

from . import views

app_name = "strategies"

urlpatterns = [
    path("", views.strategy_list, name="strategy_list"),
    path("<int:pk>/", views.strategy_detail, name="strategy_detail"),
    path("chi-tieu/", views.indicator_list, name="indicator_list"),
    path("ke-hoach/", views.plan_list, name="plan_list"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("co-quan/", views.agency_list, name="agency_list"),
]
