"""Issue 13: the management agreement (《管理协议》) and the fire-safety responsibility agreement
(《区域防火责任协议书》) are sheets of the move-in, written in the tenant's language, signed on screen by both
sides and filed in the dossier, whose checklist counts them; the move-in completes only with both signed and
engineering's and security's pre-inspection findings recorded."""

import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from documents.errors import DomainError
from documents.models import Document, Signature
from documents.storage import document_storage
from handover import services
from handover.content import content_sha256, sheet_content
from handover.document_kinds import FIRE_SAFETY_AGREEMENT, MOVE_IN_MANAGEMENT_AGREEMENT
from handover.models import Sheet, Visit
from tenancy.document_kinds import AGREEMENTS as AGREEMENTS_SECTION
from tenancy.dossier.selectors import dossier_for
from tests.factories import TenantFactory

from .factories import (
    TODAY,
    fill_acceptance,
    fill_keys,
    fill_meters,
    move_in_visit,
    pre_inspect,
    sheet_of,
    sign,
    sign_agreements,
    staff,
)

pytestmark = pytest.mark.django_db

AGREEMENTS = (Sheet.Kind.MANAGEMENT_AGREEMENT, Sheet.Kind.FIRE_SAFETY_AGREEMENT)


def _pdf_path(document_id: int, tmp_path: Path) -> Path:
    document = Document.objects.get(pk=document_id)
    path = tmp_path / f"{document.number}.pdf"
    with document_storage().open(document.file_path, "rb") as handle:
        path.write_bytes(handle.read())
    return path


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _walk_through_signed(visit: Visit, by: object) -> None:
    """Keys, meters, acceptance and receipt signed: everything but the agreements and the findings."""
    fill_keys(visit, by)
    sign(visit, Sheet.Kind.KEYS, by)
    fill_meters(visit, by)
    sign(visit, Sheet.Kind.METERS, by)
    fill_acceptance(visit, by, defect=False)
    sign(visit, Sheet.Kind.ACCEPTANCE, by)
    services.sheet_note_save(sheet=sheet_of(visit, Sheet.Kind.RECEIPT), note="", handouts=["handbook"], by=by)
    sign(visit, Sheet.Kind.RECEIPT, by)


def test_visits_open_move_in_adds_both_agreements_as_drafts(visit):
    for kind in AGREEMENTS:
        assert sheet_of(visit, kind).status == Sheet.Status.DRAFT


def test_sheet_sign_management_agreement_files_a_chinese_pdf_with_tenant_units_building_and_date(
    visit, tmp_path
):
    # given: a tenant written to in Simplified Chinese (the default)
    by = staff()
    # when
    sheet = sign(visit, Sheet.Kind.MANAGEMENT_AGREEMENT, by)
    # then: filed as the signed management agreement, for the tenant, signed by both sides
    document = Document.objects.get(pk=sheet.document_id)
    assert document.kind == MOVE_IN_MANAGEMENT_AGREEMENT and document.visible_to_tenant
    assert document.tenant_id == visit.tenant_id and document.is_rendered
    roles = set(
        Signature.objects.filter(content_sha256=sheet.content_sha256).values_list("signer_role", flat=True)
    )
    assert roles == {"staff", "tenant"}
    text = _pdf_text(_pdf_path(sheet.document_id, tmp_path))
    assert "管理协议" in text and "协议条款" in text and "不得转租" in text
    assert visit.tenant.name in text and visit.unit.code in text and visit.unit.building.name in text
    assert visit.visit_date.isoformat() in text and visit.lease.number in text
    assert "Evacuation" not in text and "sublets" not in text


def test_the_signed_hash_covers_the_agreement_words(visit):
    # given / when
    sheet = sign(visit, Sheet.Kind.FIRE_SAFETY_AGREEMENT, staff())
    # then: what was hashed is the text the tenant read, clause by clause
    content = sheet_content(sheet)
    assert sheet.content_sha256 == content_sha256(content)
    assert any("119" in clause for clause in content["agreement"]["clauses"])
    assert "区域防火" not in "".join(content["agreement"]["clauses"])  # the clauses, not the title
    assert "疏散通道" in "".join(content["agreement"]["clauses"])


def test_an_english_tenant_reads_and_signs_the_fire_safety_agreement_in_english(db, tmp_path):
    # given: a tenant written to in English, a clerk reading Chinese
    visit = move_in_visit(tenant=TenantFactory(language="en"))
    # when
    with translation.override("zh-hans"):
        sheet = sign(visit, Sheet.Kind.FIRE_SAFETY_AGREEMENT, staff())
    # then: the title keeps the form's Chinese name; the agreement itself is in English
    document = Document.objects.get(pk=sheet.document_id)
    assert document.kind == FIRE_SAFETY_AGREEMENT
    assert "《区域防火责任协议书》" in document.title
    text = _pdf_text(_pdf_path(sheet.document_id, tmp_path))
    assert "区域防火责任协议书" in text and "Fire-safety Responsibility Agreement" in text
    assert "Evacuation routes" in text and "疏散通道" not in text


def test_the_agreement_pdf_prints_its_chinese_glyphs(visit, tmp_path):
    # given
    sheet = sign(visit, Sheet.Kind.FIRE_SAFETY_AGREEMENT, staff())
    path = _pdf_path(sheet.document_id, tmp_path)
    # when: the PDF is rasterised as a reader would see it
    subprocess.run(  # noqa: S603 -- fixed arguments, a file we wrote
        ["/usr/bin/pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", path, tmp_path / "page"], check=True
    )
    pdffonts = ["/usr/bin/pdffonts", path]
    fonts = subprocess.run(pdffonts, check=True, capture_output=True, text=True).stdout  # noqa: S603
    # then: a CJK font is embedded, and the page carries ink (a missing CJK font prints empty boxes)
    assert "Noto-Sans-CJK-SC" in fonts and " yes yes " in fonts  # embedded, subset
    (png_path,) = tmp_path.glob("page*.png")
    image = Image.open(png_path).convert("L")
    dark = sum(1 for value in image.getdata() if value < 128)
    assert image.width > 400 and dark > 2000
    assert "消防设施" in _pdf_text(path)


def test_sheet_sign_agreement_is_refused_to_security(visit):
    with pytest.raises(PermissionDenied):
        services.sheet_sign(
            sheet=sheet_of(visit, Sheet.Kind.MANAGEMENT_AGREEMENT),
            by=staff("security"),
            **{"staff": services.SignerInput("王", b"x"), "tenant": services.SignerInput("李", b"x")},
        )
    assert sheet_of(visit, Sheet.Kind.MANAGEMENT_AGREEMENT).status == Sheet.Status.DRAFT


def test_visit_complete_move_in_waits_for_both_agreements_and_both_findings(visit):
    # given: the walk-through sheets are signed, the agreements and the findings are not
    by = staff()
    _walk_through_signed(visit, by)
    # when / then: the refusal names what is missing, in the reader's language
    with translation.override("en"), pytest.raises(DomainError) as error:
        services.visit_complete_move_in(visit=visit, by=by)
    message = error.value.message
    assert "Management agreement" in message and "Fire-safety responsibility agreement" in message
    assert "Engineering has not recorded" in message and "Security has not recorded" in message
    # the agreements signed: only the findings are missing
    sign_agreements(visit, by)
    with translation.override("zh-hans"), pytest.raises(DomainError) as error:
        services.visit_complete_move_in(visit=visit, by=by)
    assert "工程部" in error.value.message and "保安部" in error.value.message
    assert "管理协议" not in error.value.message
    # engineering records its findings: security's are still missing
    task = visit.pre_inspections.get(department="engineering")
    services.pre_inspection_record(task=task, findings="配电箱、空调正常", by=staff("engineering"))
    with translation.override("en"), pytest.raises(DomainError) as error:
        services.visit_complete_move_in(visit=visit, by=by)
    assert "Security" in error.value.message and "Engineering" not in error.value.message
    assert Visit.objects.get(pk=visit.pk).status == Visit.Status.OPEN
    # when security records too
    pre_inspect(visit, "门禁、消防通道正常")
    visit = services.visit_complete_move_in(visit=visit, by=by)
    # then
    assert visit.status == Visit.Status.COMPLETED
    assert services.move_in_still_due(visit) == []


def test_the_visit_page_lists_what_the_move_in_still_waits_for(client, visit):
    # given
    by = staff()
    client.force_login(by)
    url = reverse("handover:visit-detail", kwargs={"pk": visit.pk})
    # when
    page = client.get(url).content.decode()
    # then: in the clerk's language (Chinese here)
    assert 'data-testid="move-in-due"' in page
    assert "管理协议" in page and "区域防火责任协议书" in page
    assert "工程部尚未记录预验检查结果" in page and "保安部尚未记录预验检查结果" in page
    # and once everything is there, the list is gone
    _walk_through_signed(visit, by)
    sign_agreements(visit, by)
    pre_inspect(visit)
    assert 'data-testid="move-in-due"' not in client.get(url).content.decode()


def test_the_complete_button_shows_the_reasons_and_changes_nothing(client, visit):
    # given
    by = staff()
    client.force_login(by)
    # when
    response = client.post(reverse("handover:visit-complete", kwargs={"pk": visit.pk}), follow=True)
    # then
    assert "预验检查结果" in response.content.decode()
    assert Visit.objects.get(pk=visit.pk).status == Visit.Status.OPEN


def test_the_agreement_page_shows_the_words_in_the_tenants_language(client, db):
    # given: an English-speaking tenant, a clerk with the Chinese interface
    visit = move_in_visit(tenant=TenantFactory(language="en"))
    client.force_login(staff())
    # when
    url = reverse("handover:sheet", kwargs={"pk": visit.pk, "kind": "management"})
    page = client.get(url).content.decode()
    # then
    assert 'data-testid="agreement-text"' in page and 'data-testid="signing-panel"' in page
    assert "neither sublets them" in page and "客户签署的协议文本" in page


def test_the_dossier_checklist_counts_the_signed_agreements(visit):
    # given
    def present() -> dict[str, bool]:
        dossier = dossier_for(visit.tenant, today=TODAY)
        with translation.override("en"):
            return {str(item.label): item.present for item in dossier.checklist}

    assert present()["Management agreement"] is False
    assert present()["Fire-safety responsibility agreement"] is False
    # when
    sign_agreements(visit, staff())
    # then: both are in the dossier's agreements section with their two signers
    assert present()["Management agreement"] is True
    assert present()["Fire-safety responsibility agreement"] is True
    dossier = dossier_for(visit.tenant, today=TODAY)
    (agreements,) = [s for s in dossier.sections if s.group == AGREEMENTS_SECTION.key]
    kinds = {d.kind: d for d in agreements.documents}
    assert set(kinds) == {MOVE_IN_MANAGEMENT_AGREEMENT, FIRE_SAFETY_AGREEMENT}
    assert all(len(d.signers) == 2 for d in kinds.values())


def test_the_tenant_downloads_both_agreements_in_the_portal(client, visit, tenant_user):
    # given: ``tenant_user`` belongs to the visit's tenant
    sign_agreements(visit, staff())
    client.force_login(tenant_user)
    # when
    page = client.get(reverse("portal:handover-visits")).content.decode()
    # then
    for kind in AGREEMENTS:
        document = Document.objects.get(pk=sheet_of(visit, kind).document_id)
        assert str(document.download_token) in page
