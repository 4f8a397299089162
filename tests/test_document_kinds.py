"""Kinds of documents are registered by the apps that own them: documents stores the key and refuses one no
app registered; the dossier's sections and the retention years are those the apps declared."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from documents.kinds import (
    DocumentKind,
    kind_keys,
    kind_label,
    kind_of,
    kinds_all,
    kinds_register,
    sections_all,
)
from documents.models import Document
from documents.retention import retention_policy
from documents.services import document_upload
from tests.documents.factories import DocumentFactory

pytestmark = pytest.mark.usefixtures("document_root")

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Which app registers which kinds: a kind moves between apps only on purpose.
OWNED = {
    "documents": {"photo", "other", "signature_image"},
    "tenancy": {
        "business_licence",
        "id_copy",
        "financial_statement",
        "authorisation_letter",
        "management_agreement",
        "parking_record",
        "tenant_card",
        "admission_notice",
    },
    "leasing": {
        "lease_summary",
        "lease_amendment",
        "renewal_letter",
        "move_out_notice",
        "termination_letter",
    },
    "handover": {
        "key_sheet",
        "meter_sheet",
        "acceptance_sheet",
        "handover_receipt",
        "move_out_confirmation",
        "move_in_management_agreement",
        "fire_safety_agreement",
    },
    "fitout": {
        "drawing",
        "fire_safety_approval",
        "fitout_application",
        "fitout_agreement",
        "drawing_review",
        "fitout_permit",
        "worker_pass",
        "fitout_rectification",
        "fitout_violation",
    },
    "billing": {"bill", "receipt", "statement", "dunning_letter", "settlement_statement"},
}


@pytest.fixture
def document_root(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    return settings.DOCUMENT_ROOT


def _module_kinds(app: str) -> set[str]:
    module = "documents.kinds" if app == "documents" else f"{app}.document_kinds"
    return {kind.key for kind in __import__(module, fromlist=["KINDS"]).KINDS}


@pytest.mark.parametrize("app", sorted(OWNED))
def test_each_app_registers_its_own_kinds_at_start_up(app):
    # given: the app is installed and ready
    assert apps.is_installed(app)
    # then: what its module declares is registered, and nothing else is
    assert _module_kinds(app) == OWNED[app]
    assert OWNED[app] <= {kind.key for kind in kinds_all()}
    assert {kind.key for kind in kinds_all()} == set().union(*OWNED.values())


def test_the_dossier_sections_are_unchanged_and_in_order():
    # then
    assert [section.key for section in sections_all()] == [
        "identity",
        "agreements",
        "leases",
        "handover",
        "fitout",
        "billing",
        "other",
    ]
    assert kind_of("move_in_management_agreement").section == "agreements"  # handover's, filed as agreements
    assert kind_of("key_sheet").section == "handover"
    assert kind_of("photo").section == "other"


def test_the_rules_of_the_kinds_are_unchanged():
    # then
    assert kind_keys(confidential=True) == {"business_licence", "id_copy"}
    assert kind_keys(expiring=True) == {"business_licence", "id_copy", "authorisation_letter"}
    assert kind_keys(after_archive=True) == {
        "bill",
        "receipt",
        "statement",
        "dunning_letter",
        "settlement_statement",
    }
    assert "tenant_card" in kind_keys(rendered=True) and "tenant_card" not in kind_keys(tenant_visible=True)
    assert not kind_keys(rendered=True) & {"photo", "other", "drawing", "fire_safety_approval", "id_copy"}


def test_the_retention_years_are_those_the_kinds_declare(settings):
    # given: nothing configured
    settings.DOCUMENT_RETENTION_YEARS = {}
    # then
    assert retention_policy() == {"id_copy": 3, "authorisation_letter": 3, "business_licence": 5}


def test_the_setting_changes_a_kinds_years_and_ignores_unknown_kinds(settings):
    # given
    settings.DOCUMENT_RETENTION_YEARS = {"id_copy": 10, "photo": 1, "no_such_kind": 2}
    # then
    assert retention_policy() == {"id_copy": 10, "authorisation_letter": 3, "business_licence": 5, "photo": 1}


def test_an_unknown_kind_is_refused_by_the_services_and_the_model(db):
    # when / then
    with pytest.raises(ValueError, match="Unknown document kind 'invoice_scan'"):
        document_upload(file=ContentFile(PDF, name="a.pdf"), kind="invoice_scan")
    with pytest.raises(ValidationError) as refused:
        DocumentFactory.build(kind="invoice_scan").full_clean(exclude=["tenant", "number", "file_path"])
    assert "kind" in refused.value.message_dict
    assert not Document.objects.filter(kind="invoice_scan").exists()


def test_a_document_of_a_kind_no_app_registers_any_more_still_reads(db):
    # given: a row written before its kind was withdrawn
    document = DocumentFactory(kind="telex")
    # then: named by its key, filed under "other documents", never taken for a rendered form
    assert document.get_kind_display() == "telex" == kind_label("telex")
    assert document.group == "other"
    assert not document.is_rendered


def test_a_kind_is_registered_once(db):
    # given
    twin = DocumentKind("bill", "Bill again", section="billing")
    # when / then
    with pytest.raises(ValueError, match="registered twice"):
        kinds_register(twin)
    assert kind_of("bill") is not twin
