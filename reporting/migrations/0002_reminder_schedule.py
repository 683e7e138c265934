"""The default reminder schedule: 14, 7 and 1 days before the due date, 1 day after."""

from django.db import migrations

DEFAULT_STEPS = (14, 7, 1, -1)


def create_steps(apps, schema_editor):
    ReminderStep = apps.get_model("reporting", "ReminderStep")
    for days in DEFAULT_STEPS:
        ReminderStep.objects.get_or_create(days_before=days)


def remove_steps(apps, schema_editor):
    ReminderStep = apps.get_model("reporting", "ReminderStep")
    ReminderStep.objects.filter(days_before__in=DEFAULT_STEPS).delete()


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]

    operations = [migrations.RunPython(create_steps, remove_steps)]
