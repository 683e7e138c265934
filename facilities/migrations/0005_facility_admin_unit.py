# Written by hand (what makemigrations proposes, answering its rename questions).
# "One meaning per word": the facility's commune/district is its administrative unit, not a
# reporting unit. The index keeps its name; it is dropped and built again on the renamed
# column because SQLite rebuilds the table on the rename and the migration state has to
# name the new field.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('facilities', '0004_vietnamese_name_order'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='facility',
            name='facility_unit_name',
        ),
        migrations.RenameField(
            model_name='facility',
            old_name='unit',
            new_name='admin_unit',
        ),
        migrations.RenameField(
            model_name='historicalfacility',
            old_name='unit',
            new_name='admin_unit',
        ),
        migrations.AddIndex(
            model_name='facility',
            index=models.Index(fields=['admin_unit', 'name'], name='facility_unit_name'),
        ),
    ]
