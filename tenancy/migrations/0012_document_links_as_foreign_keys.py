"""The ids of documents (and notices) kept on this app's records become foreign keys, so the database
refuses a link to a document that does not exist and a linked document cannot be deleted (PROTECT: a
document's row is never deleted; removal by retention or by management deletes only its file).

Each column keeps its name (``document_id`` ...), so the rows keep their links: the field is renamed, then
altered into a foreign key whose column is the old one. An id pointing at no document (none should exist,
documents are never deleted) is cleared first where the link may be empty; a required link to a missing
document makes this migration fail rather than lose the record.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0012_report_mailing'),
        ('tenancy', '0011_membership_role_and_preferences'),
    ]

    operations = [
        migrations.RunSQL(
            sql='UPDATE "tenancy_application" SET "admission_document_id" = NULL WHERE "admission_document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "tenancy_application"."admission_document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='application',
            old_name='admission_document_id',
            new_name='admission_document',
        ),
        migrations.AlterField(
            model_name='application',
            name='admission_document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='admission notice'),
        ),
    ]
