# A rectification item raised from a signed acceptance sheet keeps its description as a message and its
# values (read in the reader's language); the items raised before keep their text.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("handover", "0007_move_in_agreements"),
    ]

    operations = [
        migrations.AddField(
            model_name="rectificationitem",
            name="description_key",
            field=models.CharField(blank=True, max_length=200, verbose_name="system description"),
        ),
        migrations.AddField(
            model_name="rectificationitem",
            name="description_params",
            field=models.JSONField(blank=True, default=dict, verbose_name="details"),
        ),
        migrations.AlterField(
            model_name="rectificationitem",
            name="description",
            field=models.CharField(blank=True, max_length=300, verbose_name="description"),
        ),
    ]
