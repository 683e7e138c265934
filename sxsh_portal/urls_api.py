"""The versioned REST API (/api/v1/), its OpenAPI schema and documentation, served from the
portal itself (no outside assets)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from facilities.api import CaseViewSet, FacilityViewSet
from reporting.api import ConsolidatedReportViewSet, ReportingYearViewSet, UnitReportViewSet
from reporting.dashboards.api import DataValueSetViewSet, NationalFiguresViewSet
from strategies.api import IndicatorViewSet, PlanViewSet, ProgrammeViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("plans", PlanViewSet, basename="plan")
router.register("reporting-years", ReportingYearViewSet, basename="reporting-year")
router.register("unit-reports", UnitReportViewSet, basename="unit-report")
router.register("consolidated-reports", ConsolidatedReportViewSet, basename="consolidated-report")
router.register("facilities", FacilityViewSet, basename="facility")
router.register("cases", CaseViewSet, basename="case")
router.register("national-figures", NationalFiguresViewSet, basename="national-figures")
router.register("dhis2/data-value-sets", DataValueSetViewSet, basename="dhis2-data-value-set")

urlpatterns = [
    path("v1/", include((router.urls, "api"), namespace="v1")),
    path("schema/", SpectacularAPIView.as_view(api_version="v1"), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
