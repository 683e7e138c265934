from django.urls import path

from . import views
from .authoring import views_plans, views_programmes

app_name = "strategies"

urlpatterns = [
    path("", views.strategy_list, name="strategy_list"),
    path("<int:pk>/", views.strategy_detail, name="strategy_detail"),
    path("chi-tieu/", views.indicator_list, name="indicator_list"),
    path("ke-hoach/", views.plan_list, name="plan_list"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("co-quan/", views.agency_list, name="agency_list"),
]

# Authoring: the Ministry's programmes and indicators, the DOITs' plans.
urlpatterns += [
    path("moi/", views_programmes.programme_create, name="programme_create"),
    path("<int:pk>/sua/", views_programmes.programme_edit, name="programme_edit"),
    path(
        "<int:pk>/sua/<slug:section>/",
        views_programmes.programme_section,
        name="programme_section",
    ),
    path("chi-tieu/moi/", views_programmes.indicator_create, name="indicator_create"),
    path("chi-tieu/<int:pk>/sua/", views_programmes.indicator_edit, name="indicator_edit"),
    path("ke-hoach/moi/", views_plans.plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/sua/", views_plans.plan_edit, name="plan_edit"),
    path("ke-hoach/<int:pk>/sua/<slug:section>/", views_plans.plan_section, name="plan_section"),
    path("ke-hoach/<int:pk>/don-vi-bao-cao/", views_plans.plan_units, name="plan_units"),
    path("ke-hoach/<int:pk>/ban-hanh/", views_plans.plan_issue, name="plan_issue"),
    path(
        "ke-hoach/<int:pk>/dieu-chinh/",
        views_plans.plan_amendment_start,
        name="plan_amendment_start",
    ),
    path(
        "ke-hoach/<int:pk>/dieu-chinh/ban-hanh/",
        views_plans.plan_amendment_issue,
        name="plan_amendment_issue",
    ),
    path(
        "ke-hoach/<int:pk>/phien-ban/<int:number>/",
        views_plans.plan_version,
        name="plan_version",
    ),
    path(
        "ke-hoach/<int:pk>/van-ban-da-ky/",
        views_plans.plan_signed_file,
        name="plan_signed_file",
    ),
    path("ke-hoach/<int:pk>/chuyen-tiep/", views_plans.plan_carry_over, name="plan_carry_over"),
    path("co-quan/them/", views_plans.agency_create, name="agency_create"),
]
