"""Indexes for staff search over tenants: full-text (``simple``) on the name, and trigrams on the upper-cased
name so that a Chinese substring (which ``simple`` does not segment) is found through ``name__icontains``.

The indexes live only in the database (not in the model's state): queries in ``leasing.search`` use the same
expressions, and the model's Meta stays as it is.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.db.models.functions import Upper

TENANT_NAME_SEARCH = GinIndex(SearchVector("name", config="simple"), name="tenant_name_search")
TENANT_NAME_TRGM = GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="tenant_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("tenancy", "0004_intake_and_credit")]

    operations = [
        TrigramExtension(),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AddIndex(model_name="tenant", index=TENANT_NAME_SEARCH),
                migrations.AddIndex(model_name="tenant", index=TENANT_NAME_TRGM),
            ],
        ),
    ]
