# Portal accounts: a role within the tenant, the notice topics wanted by e-mail, a language, who invited.
# Existing accounts become administrators.

import django.contrib.postgres.fields
import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tenancy', '0010_followup_visits_surveys'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        pgtrigger.migrations.RemoveTrigger(
            model_name='tenantmembership',
            name='insert_insert',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='tenantmembership',
            name='update_update',
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name='tenantmembership',
            name='delete_delete',
        ),
        migrations.AddField(
            model_name='tenantmembership',
            name='email_topics',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.CharField(choices=[('billing', 'Bills and payment reminders'), ('repairs', 'Repairs and requests'), ('fitout', 'Fit-out and handover'), ('building', 'Building notices'), ('general', 'Other letters')], max_length=12), blank=True, default=list, size=None, verbose_name='notices by e-mail'),
        ),
        migrations.AddField(
            model_name='tenantmembership',
            name='invited_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='invited by'),
        ),
        migrations.AddField(
            model_name='tenantmembership',
            name='language',
            field=models.CharField(blank=True, choices=[('zh-hans', 'Simplified Chinese'), ('en', 'English')], max_length=10, verbose_name='language'),
        ),
        migrations.AddField(
            model_name='tenantmembership',
            name='role',
            field=models.CharField(choices=[('admin', 'Administrator'), ('finance', 'Finance'), ('operations', 'Operations'), ('read_only', 'Read only')], default='admin', max_length=12, verbose_name='portal role'),
        ),
        migrations.AddField(
            model_name='tenantmembershipevent',
            name='email_topics',
            field=django.contrib.postgres.fields.ArrayField(base_field=models.CharField(choices=[('billing', 'Bills and payment reminders'), ('repairs', 'Repairs and requests'), ('fitout', 'Fit-out and handover'), ('building', 'Building notices'), ('general', 'Other letters')], max_length=12), blank=True, default=list, size=None, verbose_name='notices by e-mail'),
        ),
        migrations.AddField(
            model_name='tenantmembershipevent',
            name='invited_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', related_query_name='+', to=settings.AUTH_USER_MODEL, verbose_name='invited by'),
        ),
        migrations.AddField(
            model_name='tenantmembershipevent',
            name='language',
            field=models.CharField(blank=True, choices=[('zh-hans', 'Simplified Chinese'), ('en', 'English')], max_length=10, verbose_name='language'),
        ),
        migrations.AddField(
            model_name='tenantmembershipevent',
            name='role',
            field=models.CharField(choices=[('admin', 'Administrator'), ('finance', 'Finance'), ('operations', 'Operations'), ('read_only', 'Read only')], default='admin', max_length=12, verbose_name='portal role'),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='tenantmembership',
            trigger=pgtrigger.compiler.Trigger(name='insert_insert', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "tenancy_tenantmembershipevent" ("created_at", "deactivated_at", "email_topics", "id", "invited_by_id", "language", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "role", "tenant_id", "user_id") VALUES (NEW."created_at", NEW."deactivated_at", NEW."email_topics", NEW."id", NEW."invited_by_id", NEW."language", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."role", NEW."tenant_id", NEW."user_id"); RETURN NULL;', hash='a37ebb6358e511c0e5639cf6591b282881181d11', operation='INSERT', pgid='pgtrigger_insert_insert_41778', table='tenancy_tenantmembership', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='tenantmembership',
            trigger=pgtrigger.compiler.Trigger(name='update_update', sql=pgtrigger.compiler.UpsertTriggerSql(condition='WHEN (OLD.* IS DISTINCT FROM NEW.*)', func='INSERT INTO "tenancy_tenantmembershipevent" ("created_at", "deactivated_at", "email_topics", "id", "invited_by_id", "language", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "role", "tenant_id", "user_id") VALUES (NEW."created_at", NEW."deactivated_at", NEW."email_topics", NEW."id", NEW."invited_by_id", NEW."language", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."role", NEW."tenant_id", NEW."user_id"); RETURN NULL;', hash='d8c5656f99ed47573514c5a97c544780e6a503dd', operation='UPDATE', pgid='pgtrigger_update_update_3f93c', table='tenancy_tenantmembership', when='AFTER')),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name='tenantmembership',
            trigger=pgtrigger.compiler.Trigger(name='delete_delete', sql=pgtrigger.compiler.UpsertTriggerSql(func='INSERT INTO "tenancy_tenantmembershipevent" ("created_at", "deactivated_at", "email_topics", "id", "invited_by_id", "language", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "role", "tenant_id", "user_id") VALUES (OLD."created_at", OLD."deactivated_at", OLD."email_topics", OLD."id", OLD."invited_by_id", OLD."language", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."role", OLD."tenant_id", OLD."user_id"); RETURN NULL;', hash='abd8289d456ff56269615b7a4f024490a114a795', operation='DELETE', pgid='pgtrigger_delete_delete_ecac8', table='tenancy_tenantmembership', when='AFTER')),
        ),
    ]
