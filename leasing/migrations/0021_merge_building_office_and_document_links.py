# The buildings' offices (0019, 0020) were written beside the documents' foreign keys (0018): both apply.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("leasing", "0018_document_links_as_foreign_keys"),
        ("leasing", "0020_building_office"),
    ]

    operations = []
