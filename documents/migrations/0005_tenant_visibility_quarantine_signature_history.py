"""Documents get "visible to the tenant" (apart from "confidential"), an unguessable portal download token and a
quarantine for removals management has not confirmed yet; signatures are tracked in history.

Existing rows are set by the rule new documents follow: the forms written for the tenant are visible (a dunning
letter only when it was sent to the tenant: the recommendation to terminate never is), and so is what the tenant
uploaded itself (its fit-out papers, its public ticket photos); staff uploads and internal forms are not.
"""

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
import uuid
from django.conf import settings
from django.db import migrations, models
from django.db.models import Q


# The kinds as they are today (a migration must not follow later changes of the model's lists).
RENDERED_FOR_THE_TENANT = [
    "admission_notice",
    "lease_summary",
    "lease_amendment",
    "renewal_letter",
    "move_out_notice",
    "key_sheet",
    "meter_sheet",
    "acceptance_sheet",
    "handover_receipt",
    "move_out_confirmation",
    "fitout_application",
    "fitout_agreement",
    "drawing_review",
    "fitout_permit",
    "worker_pass",
    "fitout_rectification",
    "fitout_violation",
    "bill",
    "receipt",
    "statement",
    "dunning_letter",
    "settlement_statement",
]
RENDERED = [*RENDERED_FOR_THE_TENANT, "tenant_card"]


def visible_to_tenant_set(apps, schema_editor):
    Document = apps.get_model("documents", "Document")
    Notice = apps.get_model("documents", "Notice")
    sent = Notice.objects.filter(attachment__isnull=False).values("attachment_id")
    rendered = Q(kind__in=RENDERED_FOR_THE_TENANT) & (~Q(kind="dunning_letter") | Q(pk__in=sent))
    uploaded_by_the_tenant = (
        ~Q(kind__in=[*RENDERED, "signature_image"])
        & Q(created_by__isnull=False)
        & Q(created_by__is_staff=False)
    )
    fitout_papers = Q(
        kind__in=["drawing", "fire_safety_approval"],
        about_type__app_label="fitout",
        about_type__model="application",
    )
    public_ticket_photos = Q(
        kind="photo",
        tenant__isnull=False,
        about_type__app_label="servicedesk",
        about_type__model="ticketevent",
    )
    Document.objects.filter(rendered | uploaded_by_the_tenant | fitout_papers | public_ticket_photos).update(
        visible_to_tenant=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("documents", "0004_archive"),
        ("pghistory", "0007_auto_20250421_0444"),
        ("tenancy", "0005_tenant_search_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SignatureEvent",
            fields=[
                ("pgh_id", models.AutoField(primary_key=True, serialize=False)),
                ("pgh_created_at", models.DateTimeField(auto_now_add=True)),
                ("pgh_label", models.TextField(help_text="The event label.")),
                ("id", models.BigIntegerField()),
                (
                    "about_id",
                    models.PositiveBigIntegerField(blank=True, null=True, verbose_name="about (id)"),
                ),
                ("signer_name", models.CharField(max_length=100, verbose_name="signer")),
                (
                    "signer_role",
                    models.CharField(
                        choices=[("staff", "Staff"), ("tenant", "Tenant representative")],
                        max_length=10,
                        verbose_name="signing for",
                    ),
                ),
                (
                    "method",
                    models.CharField(
                        choices=[
                            ("on_screen", "Drawn on screen"),
                            ("wet_ink", "Wet ink"),
                            ("electronic", "Electronic"),
                        ],
                        max_length=12,
                        verbose_name="method",
                    ),
                ),
                ("signed_at", models.DateTimeField(verbose_name="signed at")),
                (
                    "ip_address",
                    models.GenericIPAddressField(blank=True, null=True, verbose_name="IP address"),
                ),
                (
                    "content_sha256",
                    models.CharField(max_length=64, verbose_name="SHA-256 of what was signed"),
                ),
                ("recorded_at", models.DateTimeField(auto_now_add=True, verbose_name="recorded at")),
            ],
            options={
                "abstract": False,
            },
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="document",
            name="insert_insert",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="document",
            name="update_update",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="document",
            name="delete_delete",
        ),
        # A unique token for every existing row: add it empty, fill each row, then make it required and unique.
        migrations.AddField(
            model_name="document",
            name="download_token",
            field=models.UUIDField(editable=False, null=True, verbose_name="portal download token"),
        ),
        migrations.RunSQL(
            "UPDATE documents_document SET download_token = gen_random_uuid()", migrations.RunSQL.noop
        ),
        migrations.AlterField(
            model_name="document",
            name="download_token",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="portal download token"
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="quarantined_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="removal requested at"),
        ),
        migrations.AddField(
            model_name="document",
            name="quarantined_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="removal requested by",
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="visible_to_tenant",
            field=models.BooleanField(default=False, verbose_name="visible to the tenant"),
        ),
        migrations.AddField(
            model_name="documentevent",
            name="download_token",
            field=models.UUIDField(default=uuid.uuid4, editable=False, verbose_name="portal download token"),
        ),
        migrations.AddField(
            model_name="documentevent",
            name="quarantined_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="removal requested at"),
        ),
        migrations.AddField(
            model_name="documentevent",
            name="quarantined_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="removal requested by",
            ),
        ),
        migrations.AddField(
            model_name="documentevent",
            name="visible_to_tenant",
            field=models.BooleanField(default=False, verbose_name="visible to the tenant"),
        ),
        # Before the history triggers come back: setting the new columns is not a change anyone made.
        migrations.RunSQL(
            "UPDATE documents_documentevent AS e SET download_token = d.download_token "
            "FROM documents_document AS d WHERE e.pgh_obj_id = d.id",
            migrations.RunSQL.noop,
        ),
        migrations.RunPython(visible_to_tenant_set, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="document",
            index=models.Index(
                condition=models.Q(("quarantined_at__isnull", False)),
                fields=["quarantined_at"],
                name="document_quarantined",
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="document",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "documents_documentevent" ("about_id", "about_type_id", "confidential", "content_type", "created_at", "created_by_id", "download_token", "expires_on", "file_path", "fixity_failed_at", "id", "kind", "number", "original_filename", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "quarantined_at", "quarantined_by_id", "removal_reason", "removed_at", "sha256", "size", "tenant_id", "title", "verify_token", "visible_to_tenant") VALUES (NEW."about_id", NEW."about_type_id", NEW."confidential", NEW."content_type", NEW."created_at", NEW."created_by_id", NEW."download_token", NEW."expires_on", NEW."file_path", NEW."fixity_failed_at", NEW."id", NEW."kind", NEW."number", NEW."original_filename", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."quarantined_at", NEW."quarantined_by_id", NEW."removal_reason", NEW."removed_at", NEW."sha256", NEW."size", NEW."tenant_id", NEW."title", NEW."verify_token", NEW."visible_to_tenant"); RETURN NULL;',
                    hash="d727cbdbe5685c942c6e276d050135323a19230f",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_be524",
                    table="documents_document",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="document",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "documents_documentevent" ("about_id", "about_type_id", "confidential", "content_type", "created_at", "created_by_id", "download_token", "expires_on", "file_path", "fixity_failed_at", "id", "kind", "number", "original_filename", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "quarantined_at", "quarantined_by_id", "removal_reason", "removed_at", "sha256", "size", "tenant_id", "title", "verify_token", "visible_to_tenant") VALUES (NEW."about_id", NEW."about_type_id", NEW."confidential", NEW."content_type", NEW."created_at", NEW."created_by_id", NEW."download_token", NEW."expires_on", NEW."file_path", NEW."fixity_failed_at", NEW."id", NEW."kind", NEW."number", NEW."original_filename", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."quarantined_at", NEW."quarantined_by_id", NEW."removal_reason", NEW."removed_at", NEW."sha256", NEW."size", NEW."tenant_id", NEW."title", NEW."verify_token", NEW."visible_to_tenant"); RETURN NULL;',
                    hash="a8f723913b66bb3d381ed2a4b206dd45b058096c",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_a3ed6",
                    table="documents_document",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="document",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "documents_documentevent" ("about_id", "about_type_id", "confidential", "content_type", "created_at", "created_by_id", "download_token", "expires_on", "file_path", "fixity_failed_at", "id", "kind", "number", "original_filename", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "quarantined_at", "quarantined_by_id", "removal_reason", "removed_at", "sha256", "size", "tenant_id", "title", "verify_token", "visible_to_tenant") VALUES (OLD."about_id", OLD."about_type_id", OLD."confidential", OLD."content_type", OLD."created_at", OLD."created_by_id", OLD."download_token", OLD."expires_on", OLD."file_path", OLD."fixity_failed_at", OLD."id", OLD."kind", OLD."number", OLD."original_filename", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."quarantined_at", OLD."quarantined_by_id", OLD."removal_reason", OLD."removed_at", OLD."sha256", OLD."size", OLD."tenant_id", OLD."title", OLD."verify_token", OLD."visible_to_tenant"); RETURN NULL;',
                    hash="f5aed41dd437157681f4474ae84a2f034ff12385",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_0c008",
                    table="documents_document",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="signature",
            trigger=pgtrigger.compiler.Trigger(
                name="insert_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "documents_signatureevent" ("about_id", "about_type_id", "content_sha256", "document_id", "id", "image_id", "ip_address", "method", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recorded_at", "signed_at", "signer_name", "signer_role", "user_id") VALUES (NEW."about_id", NEW."about_type_id", NEW."content_sha256", NEW."document_id", NEW."id", NEW."image_id", NEW."ip_address", NEW."method", _pgh_attach_context(), NOW(), \'insert\', NEW."id", NEW."recorded_at", NEW."signed_at", NEW."signer_name", NEW."signer_role", NEW."user_id"); RETURN NULL;',
                    hash="fd1b68de9403cdb70b63bd2ca8141e47caf5e201",
                    operation="INSERT",
                    pgid="pgtrigger_insert_insert_55c14",
                    table="documents_signature",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="signature",
            trigger=pgtrigger.compiler.Trigger(
                name="update_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "documents_signatureevent" ("about_id", "about_type_id", "content_sha256", "document_id", "id", "image_id", "ip_address", "method", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recorded_at", "signed_at", "signer_name", "signer_role", "user_id") VALUES (NEW."about_id", NEW."about_type_id", NEW."content_sha256", NEW."document_id", NEW."id", NEW."image_id", NEW."ip_address", NEW."method", _pgh_attach_context(), NOW(), \'update\', NEW."id", NEW."recorded_at", NEW."signed_at", NEW."signer_name", NEW."signer_role", NEW."user_id"); RETURN NULL;',
                    hash="c38c4d38b6b20476f32cad828ada0ff69b81c77d",
                    operation="UPDATE",
                    pgid="pgtrigger_update_update_dc665",
                    table="documents_signature",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="signature",
            trigger=pgtrigger.compiler.Trigger(
                name="delete_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "documents_signatureevent" ("about_id", "about_type_id", "content_sha256", "document_id", "id", "image_id", "ip_address", "method", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "recorded_at", "signed_at", "signer_name", "signer_role", "user_id") VALUES (OLD."about_id", OLD."about_type_id", OLD."content_sha256", OLD."document_id", OLD."id", OLD."image_id", OLD."ip_address", OLD."method", _pgh_attach_context(), NOW(), \'delete\', OLD."id", OLD."recorded_at", OLD."signed_at", OLD."signer_name", OLD."signer_role", OLD."user_id"); RETURN NULL;',
                    hash="3eb223fec2e062ba939a346e4b16ac641b059381",
                    operation="DELETE",
                    pgid="pgtrigger_delete_delete_97408",
                    table="documents_signature",
                    when="AFTER",
                ),
            ),
        ),
        migrations.AddField(
            model_name="signatureevent",
            name="about_type",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="contenttypes.contenttype",
                verbose_name="about (type)",
            ),
        ),
        migrations.AddField(
            model_name="signatureevent",
            name="document",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="documents.document",
                verbose_name="signed document",
            ),
        ),
        migrations.AddField(
            model_name="signatureevent",
            name="image",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to="documents.document",
                verbose_name="drawn signature",
            ),
        ),
        migrations.AddField(
            model_name="signatureevent",
            name="pgh_context",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="pghistory.context",
            ),
        ),
        migrations.AddField(
            model_name="signatureevent",
            name="pgh_obj",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="events",
                to="documents.signature",
            ),
        ),
        migrations.AddField(
            model_name="signatureevent",
            name="user",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                related_query_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="user",
            ),
        ),
    ]
