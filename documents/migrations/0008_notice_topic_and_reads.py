# Notices get a topic (who of the tenant's people gets them by e-mail) and a record of who read them.

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0007_move_in_agreement_kinds'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='NoticeRead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('read_at', models.DateTimeField(auto_now_add=True, verbose_name='read at')),
            ],
            options={
                'verbose_name': 'notice read',
                'verbose_name_plural': 'notices read',
                'ordering': ['read_at', 'pk'],
            },
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='notice',
            name='insert_insert',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='notice',
            name='update_update',
        ),
        migrations.AddField(
            model_name='notice',
            name='topic',
            field=models.CharField(choices=[('billing', 'Bills and payment reminders'), ('repairs', 'Repairs and requests'), ('fitout', 'Fit-out and handover'), ('building', 'Building notices'), ('general', 'Other letters')], default='general', max_length=12, verbose_name='topic'),
        ),
        migrations.AddField(
            model_name='noticeevent',
            name='topic',
            field=models.CharField(choices=[('billing', 'Bills and payment reminders'), ('repairs', 'Repairs and requests'), ('fitout', 'Fit-out and handover'), ('building', 'Building notices'), ('general', 'Other letters')], default='general', max_length=12, verbose_name='topic'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='notice',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "documents_noticeevent" ("attachment_id", "body", "created_at", "created_by_id", "emailed_at", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "read_at", "recipients", "subject", "tenant_id", "topic") VALUES (NEW."attachment_id", NEW."body", NEW."created_at", NEW."created_by_id", NEW."emailed_at", NEW."id", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."read_at", NEW."recipients", NEW."subject", NEW."tenant_id", NEW."topic"); RETURN NULL;', hash='38d077667be54c92fcacd889a5b82c80d6123a96', operation='INSERT', pgid='pgtrigger_insert_insert_a888b', table='documents_notice', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='notice',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "documents_noticeevent" ("attachment_id", "body", "created_at", "created_by_id", "emailed_at", "id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "read_at", "recipients", "subject", "tenant_id", "topic") VALUES (NEW."attachment_id", NEW."body", NEW."created_at", NEW."created_by_id", NEW."emailed_at", NEW."id", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."read_at", NEW."recipients", NEW."subject", NEW."tenant_id", NEW."topic"); RETURN NULL;', hash='af1cac7a40ea2f804b51b2a49fed3035776ddd77', operation='UPDATE', pgid='pgtrigger_update_update_1181c', table='documents_notice', when='AFTER')),
        ),
        migrations.AddField(
            model_name='noticeread',
            name='notice',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reads', to='documents.notice', verbose_name='notice'),
        ),
        migrations.AddField(
            model_name='noticeread',
            name='user',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='read by'),
        ),
        migrations.AddConstraint(
            model_name='noticeread',
            constraint=models.UniqueConstraint(fields=('notice', 'user'), name='notice_read_once_per_person'),
        ),
    ]
