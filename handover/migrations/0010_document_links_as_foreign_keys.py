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
        ('handover', '0009_rectification_overdue_flag'),
    ]

    operations = [
        migrations.RunSQL(
            sql='UPDATE "handover_visit" SET "identity_letter_id" = NULL WHERE "identity_letter_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "handover_visit"."identity_letter_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='visit',
            old_name='identity_letter_id',
            new_name='identity_letter',
        ),
        migrations.AlterField(
            model_name='visit',
            name='identity_letter',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='authorisation letter (document id)'),
        ),
        migrations.RunSQL(
            sql='UPDATE "handover_sheet" SET "document_id" = NULL WHERE "document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "handover_sheet"."document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='sheet',
            old_name='document_id',
            new_name='document',
        ),
        migrations.AlterField(
            model_name='sheet',
            name='document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='signed sheet (document id)'),
        ),
        migrations.RunSQL(
            sql='UPDATE "handover_meterreading" SET "photo_document_id" = NULL WHERE "photo_document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "handover_meterreading"."photo_document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='meterreading',
            old_name='photo_document_id',
            new_name='photo_document',
        ),
        migrations.AlterField(
            model_name='meterreading',
            name='photo_document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='photo (document id)'),
        ),
        migrations.RunSQL(
            sql='UPDATE "handover_acceptanceitem" SET "photo_document_id" = NULL WHERE "photo_document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "handover_acceptanceitem"."photo_document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='acceptanceitem',
            old_name='photo_document_id',
            new_name='photo_document',
        ),
        migrations.AlterField(
            model_name='acceptanceitem',
            name='photo_document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='photo (document id)'),
        ),
    ]
