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
        ('billing', '0017_opening_balance_account'),
        ('documents', '0012_report_mailing'),
    ]

    operations = [
        migrations.RunSQL(
            sql='UPDATE "billing_bill" SET "document_id" = NULL WHERE "document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "billing_bill"."document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='bill',
            old_name='document_id',
            new_name='document',
        ),
        migrations.AlterField(
            model_name='bill',
            name='document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='bill PDF (document id)'),
        ),
        migrations.RunSQL(
            sql='UPDATE "billing_dunningletter" SET "document_id" = NULL WHERE "document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "billing_dunningletter"."document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='dunningletter',
            old_name='document_id',
            new_name='document',
        ),
        migrations.AlterField(
            model_name='dunningletter',
            name='document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='letter (document id)'),
        ),
        migrations.RunSQL(
            sql='UPDATE "billing_dunningletter" SET "notice_id" = NULL WHERE "notice_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_notice" WHERE "documents_notice".id = "billing_dunningletter"."notice_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='dunningletter',
            old_name='notice_id',
            new_name='notice',
        ),
        migrations.AlterField(
            model_name='dunningletter',
            name='notice',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.notice', verbose_name='notice (id)'),
        ),
        migrations.RunSQL(
            sql='UPDATE "billing_settlement" SET "document_id" = NULL WHERE "document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "billing_settlement"."document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='settlement',
            old_name='document_id',
            new_name='document',
        ),
        migrations.AlterField(
            model_name='settlement',
            name='document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='statement (document id)'),
        ),
        migrations.RunSQL(
            sql='UPDATE "billing_payment" SET "document_id" = NULL WHERE "document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "billing_payment"."document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='payment',
            old_name='document_id',
            new_name='document',
        ),
        migrations.AlterField(
            model_name='payment',
            name='document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='receipt PDF (document id)'),
        ),
        migrations.RunSQL(
            sql='UPDATE "billing_supplementarysettlement" SET "document_id" = NULL WHERE "document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "billing_supplementarysettlement"."document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='supplementarysettlement',
            old_name='document_id',
            new_name='document',
        ),
        migrations.AlterField(
            model_name='supplementarysettlement',
            name='document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='statement (document id)'),
        ),
        migrations.RunSQL(
            sql='UPDATE "billing_statement" SET "document_id" = NULL WHERE "document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "billing_statement"."document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='statement',
            old_name='document_id',
            new_name='document',
        ),
        migrations.AlterField(
            model_name='statement',
            name='document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='statement PDF (document id)'),
        ),
    ]
