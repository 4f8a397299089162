"""Trigram indexes for staff search: a unit code or lease number is found by any part of it
(``code__icontains`` compiles to ``UPPER(code) LIKE UPPER(...)``, which these indexes serve).

The indexes live only in the database (not in the models' state): the models' Meta stays as it is.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import migrations
from django.db.models.functions import Upper

UNIT_CODE_TRGM = GinIndex(OpClass(Upper("code"), name="gin_trgm_ops"), name="unit_code_trgm")
LEASE_NUMBER_TRGM = GinIndex(OpClass(Upper("number"), name="gin_trgm_ops"), name="lease_number_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("leasing", "0006_lease_building_number"),
        # The pg_trgm extension.
        ("tenancy", "0005_tenant_search_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AddIndex(model_name="unit", index=UNIT_CODE_TRGM),
                migrations.AddIndex(model_name="lease", index=LEASE_NUMBER_TRGM),
            ],
        ),
    ]
