# A utility tariff and a dunning schedule of a building's own, beside the general ones.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0018_document_links_as_foreign_keys"),
        ("leasing", "0017_lease_origin_imported"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="dunningstage",
            name="dunning_stage_once_per_schedule",
        ),
        migrations.RemoveConstraint(
            model_name="standardproposal",
            name="standard_proposal_building_for_fees_only",
        ),
        migrations.RemoveConstraint(
            model_name="tariff",
            name="tariff_once_per_kind_and_date",
        ),
        migrations.AddField(
            model_name="dunningstage",
            name="building",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="leasing.building",
                verbose_name="building",
            ),
        ),
        migrations.AddField(
            model_name="tariff",
            name="building",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="leasing.building",
                verbose_name="building",
            ),
        ),
        migrations.AddConstraint(
            model_name="dunningstage",
            constraint=models.UniqueConstraint(
                fields=("building", "schedule", "kind"),
                name="dunning_stage_once_per_building_schedule",
                nulls_distinct=False,
            ),
        ),
        migrations.AddConstraint(
            model_name="standardproposal",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("kind__in", ["electricity", "water", "gas"]),
                    ("building__isnull", False),
                    _connector="OR",
                ),
                name="standard_proposal_building_for_fees",
            ),
        ),
        migrations.AddConstraint(
            model_name="tariff",
            constraint=models.UniqueConstraint(
                fields=("building", "meter_kind", "effective_from"),
                name="tariff_once_per_building_kind_and_date",
                nulls_distinct=False,
            ),
        ),
    ]
