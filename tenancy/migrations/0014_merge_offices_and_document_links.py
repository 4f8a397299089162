# Management offices (0013) were written beside the documents' foreign keys (0012): both apply, in any order.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("tenancy", "0012_document_links_as_foreign_keys"),
        ("tenancy", "0013_management_offices"),
    ]

    operations = []
