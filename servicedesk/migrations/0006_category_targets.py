# A building's own resolution target of a ticket category.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("leasing", "0017_lease_origin_imported"),
        ("servicedesk", "0005_verbose_names"),
    ]

    operations = [
        migrations.CreateModel(
            name="CategoryTarget",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("resolution_target", models.PositiveSmallIntegerField(verbose_name="resolution target")),
                (
                    "resolution_unit",
                    models.CharField(
                        choices=[("hours", "working hours"), ("days", "working days")],
                        max_length=5,
                        verbose_name="target unit",
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "building",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="leasing.building",
                        verbose_name="building",
                    ),
                ),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="building_targets",
                        to="servicedesk.category",
                        verbose_name="category",
                    ),
                ),
            ],
            options={
                "verbose_name": "building resolution target",
                "verbose_name_plural": "building resolution targets",
                "ordering": ["category", "building"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("category", "building"), name="category_target_once_per_building"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("resolution_target__gt", 0)),
                        name="category_building_target_positive",
                    ),
                ],
            },
        ),
    ]
