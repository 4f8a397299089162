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
        ('fitout', '0006_charge_sheet'),
    ]

    operations = [
        migrations.RunSQL(
            sql='UPDATE "fitout_application" SET "agreement_document_id" = NULL WHERE "agreement_document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "fitout_application"."agreement_document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='application',
            old_name='agreement_document_id',
            new_name='agreement_document',
        ),
        migrations.AlterField(
            model_name='application',
            name='agreement_document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='agreement (document id)'),
        ),
        migrations.RunSQL(
            sql='UPDATE "fitout_application" SET "fire_approval_document_id" = NULL WHERE "fire_approval_document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "fitout_application"."fire_approval_document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='application',
            old_name='fire_approval_document_id',
            new_name='fire_approval_document',
        ),
        migrations.AlterField(
            model_name='application',
            name='fire_approval_document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='fire-safety approval (document id)'),
        ),
        migrations.RunSQL(
            sql='UPDATE "fitout_application" SET "permit_document_id" = NULL WHERE "permit_document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "fitout_application"."permit_document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='application',
            old_name='permit_document_id',
            new_name='permit_document',
        ),
        migrations.AlterField(
            model_name='application',
            name='permit_document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='permit (document id)'),
        ),
        migrations.RunSQL(
            sql='UPDATE "fitout_application" SET "charge_sheet_document_id" = NULL WHERE "charge_sheet_document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "fitout_application"."charge_sheet_document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='application',
            old_name='charge_sheet_document_id',
            new_name='charge_sheet_document',
        ),
        migrations.AlterField(
            model_name='application',
            name='charge_sheet_document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='charge sheet (document id)'),
        ),
        migrations.RenameField(
            model_name='drawing',
            old_name='document_id',
            new_name='document',
        ),
        migrations.AlterField(
            model_name='drawing',
            name='document',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='document id'),
        ),
        migrations.RunSQL(
            sql='UPDATE "fitout_review" SET "document_id" = NULL WHERE "document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "fitout_review"."document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='review',
            old_name='document_id',
            new_name='document',
        ),
        migrations.AlterField(
            model_name='review',
            name='document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='review opinion (document id)'),
        ),
        migrations.RenameField(
            model_name='worker',
            old_name='photo_document_id',
            new_name='photo_document',
        ),
        migrations.AlterField(
            model_name='worker',
            name='photo_document',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='photo (document id)'),
        ),
        migrations.RunSQL(
            sql='UPDATE "fitout_worker" SET "pass_document_id" = NULL WHERE "pass_document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "fitout_worker"."pass_document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='worker',
            old_name='pass_document_id',
            new_name='pass_document',
        ),
        migrations.AlterField(
            model_name='worker',
            name='pass_document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='pass card (document id)'),
        ),
        migrations.RunSQL(
            sql='UPDATE "fitout_notice" SET "document_id" = NULL WHERE "document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "fitout_notice"."document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='notice',
            old_name='document_id',
            new_name='document',
        ),
        migrations.AlterField(
            model_name='notice',
            name='document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='notice (document id)'),
        ),
    ]
