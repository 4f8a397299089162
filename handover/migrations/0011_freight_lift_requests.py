import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("handover", "0010_document_links_as_foreign_keys"),
        ("leasing", "0001_initial"),
        ("tenancy", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="FreightLiftRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField(verbose_name="day")),
                (
                    "slot",
                    models.CharField(
                        choices=[
                            ("08-10", "08:00–10:00"),
                            ("10-12", "10:00–12:00"),
                            ("12-14", "12:00–14:00"),
                            ("14-16", "14:00–16:00"),
                            ("16-18", "16:00–18:00"),
                            ("18-20", "18:00–20:00"),
                        ],
                        max_length=5,
                        verbose_name="freight-lift slot",
                    ),
                ),
                ("purpose", models.CharField(max_length=200, verbose_name="what is carried")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("requested", "Requested"),
                            ("confirmed", "Confirmed"),
                            ("declined", "Declined"),
                        ],
                        default="requested",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "decline_reason",
                    models.CharField(blank=True, max_length=200, verbose_name="reason for declining"),
                ),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="decided at")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="requested at")),
                (
                    "building",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="leasing.building",
                        verbose_name="building",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="decided by",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="requested by",
                    ),
                ),
                (
                    "tenant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="freight_lift_requests",
                        to="tenancy.tenant",
                        verbose_name="tenant",
                    ),
                ),
            ],
            options={
                "verbose_name": "freight-lift request",
                "verbose_name_plural": "freight-lift requests",
                "ordering": ["day", "slot", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("status", "confirmed")),
                        fields=("building", "day", "slot"),
                        name="freight_lift_slot_confirmed_once",
                    )
                ],
            },
        ),
    ]
