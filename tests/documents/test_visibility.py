"""Whether the tenant may see a document is its own property, apart from "confidential": every internal kind
defaults to not visible, the forms written for the tenant and what it uploaded itself are visible, staff
uploads only when ticked; existing rows were set by the same rule."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from billing.document_kinds import BILL, DUNNING_LETTER
from billing.models import DunningStage
from billing.services.arrears import dunning_letter_send
from documents.errors import DomainError
from documents.kinds import OTHER, PHOTO, SIGNATURE_IMAGE, kind_keys
from documents.models import Document
from documents.services import document_render, document_upload, notice_send, signature_record
from fitout.document_kinds import DRAWING
from handover.document_kinds import KEY_SHEET, MOVE_OUT_CONFIRMATION
from leasing.document_kinds import LEASE_SUMMARY
from tenancy.document_kinds import FINANCIAL_STATEMENT, TENANT_CARD
from tests.billing.factories import active_lease, issued_bill
from tests.documents.factories import PDF_BYTES, PNG_BYTES, DocumentFactory, NoticeFactory

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module(
    "documents.migrations.0005_tenant_visibility_quarantine_signature_history"
)


def _upload(**kwargs):
    return document_upload(file=ContentFile(PDF_BYTES, name="a.pdf"), **kwargs)


def test_the_rendered_kinds_meant_for_the_tenant_are_all_but_the_tenant_card():
    visible = kind_keys(tenant_visible=True)
    assert BILL in visible
    assert MOVE_OUT_CONFIRMATION in visible
    assert TENANT_CARD not in visible
    # no upload kind is visible by its kind alone
    assert not visible & {FINANCIAL_STATEMENT, OTHER}
    assert visible == kind_keys(rendered=True) - {TENANT_CARD}


@pytest.mark.usefixtures("print_templates")
@pytest.mark.parametrize(("kind", "visible"), [(LEASE_SUMMARY, True), (TENANT_CARD, False)])
def test_a_rendered_form_is_visible_by_its_kind(tenant, front_desk, kind, visible):
    # when
    document = document_render(
        template="documents_test/chinese_form.html",
        context={"tenant_name": "上海示例科技有限公司", "credit_code": "-", "note": "-", "rows": range(1)},
        kind=kind,
        title="x",
        tenant=tenant,
        by=front_desk,
        number_prefix="TS",
    )
    # then
    assert document.visible_to_tenant is visible


def test_a_staff_upload_is_internal_unless_staff_tick_it(tenant, front_desk):
    assert _upload(kind=OTHER, tenant=tenant, by=front_desk).visible_to_tenant is False
    ticked = _upload(kind=OTHER, tenant=tenant, by=front_desk, visible_to_tenant=True)
    assert ticked.visible_to_tenant is True


def test_what_the_tenant_uploads_itself_is_visible_to_it(tenant, tenant_user):
    document = _upload(kind=DRAWING, tenant=tenant, by=tenant_user)
    assert document.visible_to_tenant is True


def test_a_drawn_signature_is_never_visible_even_when_the_tenant_draws_it(tenant, tenant_user):
    # given
    signed = DocumentFactory(tenant=tenant, visible_to_tenant=True, number="LS-2026-000001")
    # when
    signature = signature_record(
        signer_name="王芳",
        signer_role="tenant",
        method="on_screen",
        document=signed,
        user=tenant_user,
        image_png=PNG_BYTES,
    )
    # then
    assert signature.image.visible_to_tenant is False


@pytest.mark.usefixtures("tasks_inline")
def test_the_recommendation_to_terminate_is_not_visible_but_the_final_notice_is(tenant):
    # given
    bill = issued_bill(active_lease(tenant=tenant))
    # when
    termination = dunning_letter_send(
        bill=bill, kind=DunningStage.Kind.TERMINATION, suspends=True, today=date(2026, 6, 1)
    )
    final = dunning_letter_send(
        bill=bill, kind=DunningStage.Kind.FINAL, suspends=True, today=date(2026, 6, 1)
    )
    # then
    assert Document.objects.get(pk=termination.document_id).visible_to_tenant is False
    assert Document.objects.get(pk=final.document_id).visible_to_tenant is True


def test_a_notice_carries_only_a_document_meant_for_the_tenant(tenant, front_desk):
    # given
    internal = DocumentFactory(tenant=tenant, kind=OTHER, visible_to_tenant=False)
    # when / then
    with pytest.raises(DomainError) as refused:
        notice_send(tenant=tenant, subject="通知", body="正文", attachment=internal, by=front_desk)
    assert refused.value.field == "attachment"


def test_existing_rows_are_set_by_the_same_rule(tenant, front_desk, tenant_user):
    # given: rows as they were before documents knew who may see them
    def row(**kwargs):
        return DocumentFactory(tenant=tenant, visible_to_tenant=False, **kwargs)

    fitout = ContentType.objects.get(app_label="fitout", model="application")
    ticket_event = ContentType.objects.get(app_label="servicedesk", model="ticketevent")
    rows = {
        "bill": row(kind=BILL),
        "handover sheet": row(kind=KEY_SHEET),
        "sent dunning letter": row(kind=DUNNING_LETTER),
        "tenant's own upload": row(kind=OTHER, created_by=tenant_user),
        "fit-out drawing": row(kind=DRAWING, about_type=fitout, about_id=1, created_by=front_desk),
        "public ticket photo": row(kind=PHOTO, about_type=ticket_event, about_id=1),
    }
    internal = {
        "termination letter": row(kind=DUNNING_LETTER),
        "tenant card": row(kind=TENANT_CARD),
        "staff upload": row(kind=FINANCIAL_STATEMENT, created_by=front_desk),
        "worker photo": row(kind=PHOTO, about_type=fitout, about_id=1, created_by=front_desk),
        "drawn signature": row(kind=SIGNATURE_IMAGE, created_by=tenant_user),
    }
    NoticeFactory(tenant=tenant, attachment=rows["sent dunning letter"])
    # when
    MIGRATION.visible_to_tenant_set(apps, None)
    # then
    visible = set(Document.objects.filter(visible_to_tenant=True).values_list("pk", flat=True))
    assert {name for name, d in rows.items() if d.pk not in visible} == set()
    assert {name for name, d in internal.items() if d.pk in visible} == set()
