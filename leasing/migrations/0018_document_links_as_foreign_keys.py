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
        ('leasing', '0017_lease_origin_imported'),
    ]

    operations = [
        migrations.RunSQL(
            sql='UPDATE "leasing_lease" SET "signed_document_id" = NULL WHERE "signed_document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "leasing_lease"."signed_document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='lease',
            old_name='signed_document_id',
            new_name='signed_document',
        ),
        migrations.AlterField(
            model_name='lease',
            name='signed_document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='signed summary (document id)'),
        ),
        migrations.RenameField(
            model_name='leasehistory',
            old_name='signed_document_id',
            new_name='signed_document',
        ),
        migrations.AlterField(
            model_name='leasehistory',
            name='signed_document',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to='documents.document', verbose_name='signed summary (document id)'),
        ),
        migrations.RunSQL(
            sql='UPDATE "leasing_amendment" SET "signed_document_id" = NULL WHERE "signed_document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "leasing_amendment"."signed_document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='amendment',
            old_name='signed_document_id',
            new_name='signed_document',
        ),
        migrations.AlterField(
            model_name='amendment',
            name='signed_document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='signed amendment (document id)'),
        ),
        migrations.RunSQL(
            sql='UPDATE "leasing_renewalcase" SET "notice_id" = NULL WHERE "notice_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_notice" WHERE "documents_notice".id = "leasing_renewalcase"."notice_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='renewalcase',
            old_name='notice_id',
            new_name='notice',
        ),
        migrations.AlterField(
            model_name='renewalcase',
            name='notice',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.notice', verbose_name='notice sent (id)'),
        ),
        migrations.RunSQL(
            sql='UPDATE "leasing_moveoutnotice" SET "document_id" = NULL WHERE "document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "leasing_moveoutnotice"."document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='moveoutnotice',
            old_name='document_id',
            new_name='document',
        ),
        migrations.AlterField(
            model_name='moveoutnotice',
            name='document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='notice (document id)'),
        ),
        migrations.RunSQL(
            sql='UPDATE "leasing_leasetermination" SET "letter_document_id" = NULL WHERE "letter_document_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "documents_document" WHERE "documents_document".id = "leasing_leasetermination"."letter_document_id")',
            reverse_sql='',
        ),
        migrations.RenameField(
            model_name='leasetermination',
            old_name='letter_document_id',
            new_name='letter_document',
        ),
        migrations.AlterField(
            model_name='leasetermination',
            name='letter_document',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document', verbose_name='letter (document id)'),
        ),
    ]
