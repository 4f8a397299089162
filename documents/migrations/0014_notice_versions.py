import django.contrib.postgres.fields
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("documents", "0013_document_kinds_registered")]

    operations = [
        migrations.CreateModel(
            name="NoticeVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("language", models.CharField(max_length=10, verbose_name="language")),
                ("subject", models.CharField(max_length=200, verbose_name="subject")),
                ("body", models.TextField(verbose_name="body")),
                (
                    "recipients",
                    django.contrib.postgres.fields.ArrayField(
                        base_field=models.EmailField(max_length=254),
                        default=list,
                        size=None,
                        verbose_name="recipients",
                    ),
                ),
                (
                    "notice",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="versions",
                        to="documents.notice",
                        verbose_name="notice",
                    ),
                ),
            ],
            options={
                "verbose_name": "notice in another language",
                "verbose_name_plural": "notices in other languages",
                "constraints": [
                    models.UniqueConstraint(fields=("notice", "language"), name="notice_version_once")
                ],
            },
        ),
    ]
