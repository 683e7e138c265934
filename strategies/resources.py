"""Import/export (django-import-export) for the indicator catalogue, targets and plans."""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from .models import ActionPlan, Indicator, Target


class IndicatorResource(resources.ModelResource):
    class Meta:
        model = Indicator
        import_id_fields = ["code"]
        fields = ["code", "name", "name_en", "measure_unit", "source", "description"]


class TargetResource(resources.ModelResource):
    indicator = fields.Field(
        attribute="indicator",
        column_name="indicator",
        widget=ForeignKeyWidget(Indicator, field="code"),
    )

    class Meta:
        model = Target
        fields = [
            "id",
            "indicator",
            "phase",
            "plan",
            "year",
            "value_min",
            "value_max",
            "localises",
            "text",
            "position",
        ]

    def before_save_instance(self, instance, row, **kwargs):
        # Imports obey the same range rules as the admin and the services.
        instance.full_clean()


class ActionPlanResource(resources.ModelResource):
    class Meta:
        model = ActionPlan
        fields = [
            "id",
            "kind",
            "title",
            "province",
            "issuer_name",
            "decision_number",
            "issued_on",
            "period_start",
            "period_end",
            "strategy",
            "predecessor",
        ]
