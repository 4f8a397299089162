"""Browser: a walk-in application through the whole review chain to its admission notice; a return for
information answered from the applicant's private link."""

import io
import re

import pytest
from django.core import mail
from playwright.sync_api import expect
from pypdf import PdfReader

from documents.selectors import documents_about
from tenancy.models import Application
from tests.factories import UserFactory, make_credit_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _documents(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"


@pytest.fixture
def staff(db):
    roles = ["front_desk", "business", "legal", "finance", "management"]
    names = ["frontdesk", "business", "legal", "finance", "manager"]
    return {name: UserFactory(username=name, roles=[role]) for name, role in zip(names, roles, strict=True)}


def _as(page, login, username: str) -> None:
    page.context.clear_cookies()
    login(username)


def _fill_application(page, name: str, n: int) -> None:
    page.fill("input[name=applicant_name]", name)
    page.fill("input[name=credit_code]", make_credit_code(600_000 + n))
    page.fill("input[name=legal_representative]", "周八")
    page.fill("input[name=contact_name]", "吴九")
    page.fill("input[name=contact_mobile]", "13800138000")
    page.fill("input[name=contact_email]", f"e2e{n}@example.com")
    page.fill("input[name=building]", "星河大厦")
    page.fill("input[name=area_min]", "120")
    page.fill("input[name=area_max]", "180")
    page.fill("input[name=unit_codes]", "八层801室、802室")
    page.fill("input[name=use]", "软件研发办公")
    page.fill("input[name=start_date]", "2027-03-01")
    page.fill("input[name=end_date]", "2030-02-28")
    page.fill("input[name=headcount]", "35")
    page.set_input_files(
        "input[name=business_licence]", {"name": "licence.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.set_input_files(
        "input[name=id_copy]", {"name": "id.pdf", "mimeType": "application/pdf", "buffer": PDF + b"id"}
    )


def _decide(
    page, live_server, application: Application, department: str, verdict: str, comment: str = ""
) -> None:
    page.goto(f"{live_server.url}/intake/{application.pk}/")
    form = page.get_by_test_id(f"decide-{department}")
    form.locator(f"input[name=verdict][value={verdict}]").check()
    if comment:
        form.locator("textarea[name=comment]").fill(comment)
    form.get_by_test_id("decide-submit").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("审核意见已记录")


def test_a_walk_in_application_goes_through_the_chain_to_its_admission_notice(
    page, live_server, login, staff
):
    # given: the front desk enters a walk-in applicant and submits
    _as(page, login, "frontdesk")
    page.goto(f"{live_server.url}/intake/new/")
    _fill_application(page, "上海星河软件有限公司", 1)
    page.get_by_test_id("submit-application").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("application-status")).to_have_text("审核中")
    application = Application.objects.get()
    # when: business, then legal and finance, then management approve
    for username, department in [
        ("business", "business"),
        ("legal", "legal"),
        ("finance", "finance"),
        ("manager", "management"),
    ]:
        _as(page, login, username)
        _decide(page, live_server, application, department, "approve")
    # then: approved, with the admission notice to download
    expect(page.get_by_test_id("application-status")).to_have_text("已批准")
    with page.expect_download() as download:
        page.get_by_test_id("admission-notice").click()
    pdf = download.value.path().read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "租赁准入通知书" in text
    assert "上海星河软件有限公司" in text
    assert "八层801室、802室" in text


def test_return_for_information_then_resubmission_from_the_private_link(page, live_server, login, staff):
    # given: an application from the public page, approved by business
    page.goto(f"{live_server.url}/intake/apply/")
    _fill_application(page, "杭州青禾设计有限公司", 2)
    page.get_by_test_id("submit-application").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("application-status")).to_have_text("审核中")
    application = Application.objects.get()
    _as(page, login, "business")
    _decide(page, live_server, application, "business", "approve")
    # when: legal returns it, asking for the use
    _as(page, login, "legal")
    _decide(page, live_server, application, "legal", "return", "请说明研发办公的具体用途")
    page.context.clear_cookies()
    returned = next(m for m in mail.outbox if "请说明研发办公的具体用途" in m.body)
    link = re.search(r"https?://\S+(/intake/follow/\S+/)", returned.body).group(1)
    page.goto(f"{live_server.url}{link}")
    expect(page.get_by_test_id("application-status")).to_have_text("退回补充资料")
    page.fill("textarea[name=notes]", "用于软件开发团队办公，无生产加工。")
    page.get_by_test_id("submit-application").click()
    page.wait_for_load_state()
    # then: review resumes at legal; business's approval stands
    expect(page.get_by_test_id("application-status")).to_have_text("审核中")
    expect(page.locator("[data-step=business]")).to_have_text("已批准")
    expect(page.locator("[data-step=legal]")).to_have_text("待审核")
    for username, department in [("legal", "legal"), ("finance", "finance"), ("manager", "management")]:
        _as(page, login, username)
        _decide(page, live_server, application, department, "approve")
    expect(page.get_by_test_id("application-status")).to_have_text("已批准")


def test_a_public_application_with_a_missing_field_keeps_its_licence_until_it_is_submitted(page, live_server):
    # given: the public page, found from the portal's login page
    page.goto(f"{live_server.url}/portal/login/")
    page.get_by_test_id("apply-link").click()
    page.wait_for_load_state()
    # when: everything is filled in and the licence attached, but the applicant's name is left out
    _fill_application(page, "宁波青山咨询有限公司", 3)
    page.fill("input[name=applicant_name]", "")
    page.get_by_test_id("submit-application").click()
    page.wait_for_load_state()
    # then: the error is shown at the field and the licence is shown as kept
    expect(page.locator("#id_applicant_name")).to_have_class(re.compile("is-invalid"))
    expect(page.get_by_test_id("kept-business_licence")).to_contain_text("licence.pdf")
    expect(page.get_by_test_id("kept-id_copy")).to_contain_text("id.pdf")
    assert Application.objects.count() == 0
    # when: the name is filled in and the form submitted without choosing the files again
    page.fill("input[name=applicant_name]", "宁波青山咨询有限公司")
    page.get_by_test_id("submit-application").click()
    page.wait_for_load_state()
    # then: submitted, with the kept licence filed
    expect(page.get_by_test_id("application-status")).to_have_text("审核中")
    application = Application.objects.get()
    filed = {d.kind: d.original_filename for d in documents_about(application)}
    assert filed["business_licence"] == "licence.pdf"
    assert filed["id_copy"] == "id.pdf"
