# A note the system words on a lease's timeline is kept as its message and values, and a renewal follow-up
# keeps the answer by its code, so that each reader reads them in their own language; the rows written
# before keep their text.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("leasing", "0013_building_credit_terms"),
    ]

    operations = [
        migrations.AddField(
            model_name="leaseevent",
            name="note_key",
            field=models.CharField(blank=True, max_length=200, verbose_name="system note"),
        ),
        migrations.AddField(
            model_name="leaseevent",
            name="note_params",
            field=models.JSONField(blank=True, default=dict, verbose_name="details"),
        ),
        migrations.AddField(
            model_name="renewalfollowup",
            name="intent",
            field=models.CharField(
                blank=True,
                choices=[("undecided", "Undecided"), ("renew", "Renew"), ("leave", "Leave")],
                max_length=10,
                verbose_name="tenant's intent",
            ),
        ),
        migrations.AlterField(
            model_name="renewalfollowup",
            name="note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
    ]
