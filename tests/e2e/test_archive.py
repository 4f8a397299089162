"""Browser: a tenant that moved out has an archived, read-only dossier with its signed move-out sheets; the
verification link of one of its PDFs shows it intact to anyone, and staff confirm a downloaded copy is the
archived file byte for byte."""

import hashlib
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from documents.models import Document, DossierArchive
from handover.models import Sheet
from leasing.models import Lease
from tests.factories import UserFactory
from tests.handover.factories import (
    complete_move_in,
    complete_move_out,
    move_in_visit,
    sheet_of,
    staff,
)
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 -- a fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _moved_out_tenant():
    """A tenant moved in and out through handover's services: every sheet signed, the visit complete."""
    by = staff()
    visit = move_in_visit(by=by, status=Lease.Status.ACTIVE)
    complete_move_in(visit, by)
    out = complete_move_out(visit, by, tenant_signer="赵敏")
    return visit.tenant, Document.objects.get(pk=sheet_of(out, Sheet.Kind.MOVE_OUT).document_id)


def test_a_moved_out_tenants_archived_dossier_and_a_verified_pdf(page, live_server, login, tmp_path):
    # given
    tenant, confirmation = _moved_out_tenant()
    assert DossierArchive.objects.filter(tenant=tenant).exists()
    UserFactory(username="desk", roles=["front_desk"], last_name="陈", first_name="静")
    login("desk")
    # when: the front desk opens the tenant's dossier from the tenant page
    page.goto(f"{live_server.url}/tenants/{tenant.pk}/")
    page.get_by_test_id("tab-dossier").click()
    # then: archived, read-only, with the signed move-out sheets and who signed them
    expect(page.get_by_test_id("dossier-archived")).to_be_visible()
    expect(page.get_by_test_id("dossier-upload")).to_have_count(0)
    handover = page.get_by_test_id("dossier-section-handover")
    for kind in ("move_out_confirmation", "key_sheet", "meter_sheet", "acceptance_sheet"):
        expect(handover.locator(f"[data-kind={kind}]").first).to_be_visible()
    row = handover.locator("[data-kind=move_out_confirmation]")
    expect(row).to_contain_text(confirmation.number)
    expect(row).to_contain_text("赵敏")
    # when: the sheet is downloaded
    with page.expect_download() as download_info:
        row.get_by_role("link").click()
    copy = tmp_path / "copy.pdf"
    download_info.value.save_as(copy)
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == confirmation.sha256
    # and: the verification link printed on the PDF (beside its QR code) opens for anyone, not logged in
    printed = "".join(pdf_page.extract_text() for pdf_page in PdfReader(copy).pages).replace("\n", "")
    link = re.search(r"/documents/verify/[0-9a-f-]{36}/", printed)
    assert link is not None and str(confirmation.verify_token) in link.group(0)
    verify_path = link.group(0)
    visitor = page.context.browser.new_context(locale="en-US")
    visitor.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    public = visitor.new_page()
    public.goto(f"{live_server.url}{verify_path}")
    # then: intact, with no personal data
    expect(public.get_by_test_id("verify-intact")).to_contain_text("This document is on file and unchanged.")
    expect(public.get_by_test_id("verify-number")).to_have_text(confirmation.number)
    body = public.locator("body").inner_text()
    assert tenant.name not in body and "赵敏" not in body and confirmation.title not in body
    expect(public.get_by_test_id("verify-compare")).to_have_count(0)
    visitor.close()
    # when: the front desk compares the downloaded copy on the same page
    page.goto(f"{live_server.url}{verify_path}")
    page.locator("input[type=file][name=file]").set_input_files(str(copy))
    page.get_by_test_id("compare-submit").click()
    # then
    expect(page.get_by_test_id("compare-same")).to_be_visible()
    # and: a tampered link gets a friendly answer
    response = page.goto(f"{live_server.url}/documents/verify/{str(confirmation.verify_token)[:-4]}beef/")
    assert response is not None and response.status == 404
    expect(page.get_by_test_id("verify-unknown")).to_be_visible()
