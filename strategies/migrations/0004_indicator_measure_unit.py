# Written by hand (what makemigrations proposes, answering its rename questions).
# "One meaning per word": an indicator's unit is its unit of measure.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('strategies', '0003_target_baseline'),
    ]

    operations = [
        migrations.RenameField(
            model_name='indicator',
            old_name='unit',
            new_name='measure_unit',
        ),
        migrations.RenameField(
            model_name='historicalindicator',
            old_name='unit',
            new_name='measure_unit',
        ),
    ]
