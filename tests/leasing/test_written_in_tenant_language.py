"""Issue 22: leasing's letters and forms (the expiry letter, the move-out notice) are written in the tenant's
language (Chinese unless set), not in the language of the clerk or the job that writes them."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from documents.models import Document, Notice
from leasing.document_kinds import MOVE_OUT_NOTICE
from leasing.leases.amendments import amendment_create, amendment_sign
from leasing.leases.moveout import move_out_notice_give
from leasing.leases.renewals import lease_expiry_sweep, renewal_case_answer, renewal_letter_send
from leasing.leases.termination import termination_propose
from leasing.models import Lease, LeaseEvent, RenewalCase
from tests.factories import UserFactory
from tests.language import clerk_reading_english, pdf_text, set_language
from tests.leasing.lease_factories import (
    START,
    business_user,
    document_root_fixture,  # noqa: F401 (the document_root fixture)
    lease_in,
    legal_approve,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_restored():
    """A page request activates the reader's language and leaves it active: the next test starts as before."""
    with translation.override(translation.get_language()):
        yield


END = date(2027, 5, 31)  # reminder date: 2027-03-31


def _letter(language: str) -> tuple[Lease, Notice]:
    lease = lease_in(Lease.Status.ACTIVE, end_date=END)
    set_language(lease.tenant, language)
    (case_id,) = lease_expiry_sweep(today=date(2027, 3, 31))
    with clerk_reading_english():
        renewal_letter_send(case_id=case_id)
    return lease, Notice.objects.get(tenant=lease.tenant)


def test_the_expiry_letter_sent_in_an_english_session_is_chinese_for_a_chinese_tenant(document_root):
    # given / when
    lease, notice = _letter("zh-hans")
    # then
    assert notice.attachment.title == f"合同到期通知函 {lease.number}"
    assert notice.subject == f"您的租赁合同 {lease.number} 将于 2027-05-31 到期"
    assert "Your lease" not in notice.body
    assert "第 1 页" in pdf_text(notice.attachment)


def test_the_expiry_letter_is_english_for_an_english_tenant(document_root):
    # given / when
    lease, notice = _letter("en")
    # then
    assert notice.attachment.title == f"Lease expiry letter {lease.number}"
    assert notice.subject == f"Your lease {lease.number} ends on 2027-05-31"
    assert "Page 1 of" in pdf_text(notice.attachment)


@pytest.mark.parametrize(("language", "title"), [("zh-hans", "退租通知 {}"), ("en", "Move-out notice {}")])
def test_the_move_out_notice_form_is_titled_in_the_tenants_language(document_root, language, title):
    # given
    lease = lease_in(Lease.Status.ACTIVE, break_from=date(2026, 2, 1))
    set_language(lease.tenant, language)
    # when: given in the portal while the request reads English
    with clerk_reading_english():
        notice = move_out_notice_give(
            lease=lease, move_out_date=date(2026, 9, 30), channel="portal", by=None, today=date(2026, 8, 1)
        )
    # then
    document = Document.objects.get(kind=MOVE_OUT_NOTICE, about_id=notice.pk)
    assert document.title == title.format(lease.number)


def test_the_timeline_reads_what_the_system_noted_in_the_readers_language(document_root):
    # given: clerks reading English sign an amendment and propose a termination
    by = business_user()
    lease = lease_in(Lease.Status.ACTIVE)
    with clerk_reading_english():
        amendment = amendment_create(
            lease=lease, effective_date=START.replace(month=6), reason="调租", rent_basis="per_m2",
            rent_rate=Decimal("7.00"), fee_basis="", fee_rate=None, end_date=None, by=by,
        )  # fmt: skip
        legal_approve(amendment.lease, amendment)
        amendment_sign(amendment=amendment, staff_signer="王经理", tenant_signer="张三", by=by)
        termination_propose(
            lease, grounds="arrears", reason="三个月未付", effective_date=date(2027, 1, 15),
            by=UserFactory(roles=["finance"]), today=date(2026, 12, 7),
        )  # fmt: skip
    amended = lease.events.get(kind=LeaseEvent.Kind.AMENDED)
    proposed = lease.events.get(kind=LeaseEvent.Kind.TERMINATION_PROPOSED)
    # when / then: nothing is kept in the clerk's language; each reader reads their own
    assert amended.note == proposed.note == ""
    with translation.override("zh-hans"):
        assert amended.note_shown == f"第 {amendment.version} 版：调租"
        assert proposed.note_shown == "欠费 · 2027-01-15：三个月未付"
    with translation.override("en"):
        assert amended.note_shown == f"Version {amendment.version}: 调租"
        assert proposed.note_shown == "Arrears · 2027-01-15: 三个月未付"


def test_the_renewal_answer_reads_in_the_readers_language(document_root, client, front_desk):
    # given: the tenant answered "leave" in the portal while the request read English
    lease_in(Lease.Status.ACTIVE, end_date=END)
    case = RenewalCase.objects.get(pk__in=lease_expiry_sweep(today=date(2027, 3, 31)))
    with clerk_reading_english():
        renewal_case_answer(case=case, intent="leave", note="搬到新园区", by=None, portal=True)
    client.force_login(front_desk)
    url = reverse("leasing:renewal-case-detail", args=[case.pk])
    # when: the desk reads the case in Chinese, then in English
    client.cookies["django_language"] = "zh-hans"
    chinese = client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    # then: the answer is kept by its code, the note as typed
    assert case.follow_ups.get().intent == RenewalCase.Intent.LEAVE
    assert "退租: 搬到新园区" in chinese and "Leave: 搬到新园区" not in chinese
    assert "Leave: 搬到新园区" in english
