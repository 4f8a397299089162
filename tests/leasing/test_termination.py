"""Issue 13: the landlord terminates a lease for arrears or breach: proposed, decided by another manager,
the termination letter (《解除租赁合同通知书》) written in the tenant's language and sent, the lease ending
on the effective date, the move-out path open without a tenant's notice."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from pypdf import PdfReader

from documents.errors import DomainError
from documents.models import Document, Notice
from documents.storage import document_storage
from handover import services as handover
from handover.models import Visit
from leasing.document_kinds import TERMINATION_LETTER
from leasing.leases.termination import (
    lease_terminated,
    termination_approve,
    termination_propose,
    termination_reject,
    termination_withdraw,
    terminations_pending,
)
from leasing.models import Lease, LeaseEvent, LeaseTermination
from tests.factories import TenantFactory, UserFactory

from .lease_factories import document_root_fixture, lease_in  # noqa: F401 (the document_root fixture)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 7)
EFFECTIVE = date(2027, 1, 15)


def _propose(lease: Lease, by, **overrides) -> LeaseTermination:
    values = {
        "grounds": "arrears",
        "reason": "Three months unpaid.",
        "effective_date": EFFECTIVE,
        "today": TODAY,
    }
    return termination_propose(lease, by=by, **{**values, **overrides})


def test_termination_propose_records_it_on_the_timeline_and_waits_for_management():
    # given
    lease = lease_in(Lease.Status.ACTIVE)
    finance = UserFactory(roles=["finance"])
    # when
    termination = _propose(lease, finance)
    # then
    assert termination.status == LeaseTermination.Status.PROPOSED
    assert list(terminations_pending()) == [termination]
    assert lease.events.filter(kind=LeaseEvent.Kind.TERMINATION_PROPOSED, by=finance).count() == 1
    lease.refresh_from_db()
    assert lease.status == Lease.Status.ACTIVE and lease.effective_end == date(2027, 12, 31)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"grounds": "late"}, "grounds"),
        ({"reason": "  "}, "reason"),
        ({"effective_date": date(2026, 12, 6)}, "effective_date"),
        ({"effective_date": date(2028, 1, 1)}, "effective_date"),
    ],
)
def test_termination_propose_refuses_bad_input_at_its_field(overrides, field):
    lease = lease_in(Lease.Status.ACTIVE)
    with pytest.raises(DomainError) as refused:
        _propose(lease, UserFactory(roles=["business"]), **overrides)
    assert refused.value.field == field
    assert not LeaseTermination.objects.exists()


def test_termination_propose_refuses_other_roles_and_a_second_proposal_and_a_draft():
    lease = lease_in(Lease.Status.ACTIVE)
    with pytest.raises(PermissionDenied):
        _propose(lease, UserFactory(roles=["front_desk"]))
    _propose(lease, None)  # the arrears clock
    with pytest.raises(DomainError):
        _propose(lease, UserFactory(roles=["management"]))
    with pytest.raises(DomainError):
        _propose(lease_in(Lease.Status.DRAFT), UserFactory(roles=["management"]))
    assert LeaseTermination.objects.count() == 1


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_termination_approve_ends_the_lease_and_sends_the_letter_in_the_tenant_language(
    document_root, language
):
    # given
    lease = lease_in(Lease.Status.ACTIVE, tenant=TenantFactory(language=language, email="t@example.com"))
    termination = _propose(lease, UserFactory(roles=["finance"]), reason="Unpaid since August.")
    manager = UserFactory(roles=["management"])
    # when
    termination_approve(termination=termination, by=manager, today=TODAY)
    # then
    termination.refresh_from_db()
    lease.refresh_from_db()
    assert termination.status == LeaseTermination.Status.APPROVED and termination.decided_by == manager
    assert (lease.status, lease.effective_end) == (Lease.Status.NOTICE_GIVEN, EFFECTIVE)
    assert lease_terminated(lease)
    letter = Document.objects.get(pk=termination.letter_document_id)
    assert letter.kind == TERMINATION_LETTER and letter.visible_to_tenant
    notice = Notice.objects.get(tenant=lease.tenant)
    assert notice.attachment == letter and notice.recipients == ["t@example.com"]
    with document_storage().open(letter.file_path, "rb") as handle:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    assert "解除租赁合同通知书" in text and lease.number in text and "Unpaid since August." in text
    assert "2027-01-15" in text
    if language == "en":
        assert "hereby terminates" in text and "Arrears" in text
        assert notice.subject.startswith("Notice of lease termination")
    else:
        assert "hereby terminates" not in text and "欠费" in text
        assert notice.subject.startswith("解除租赁合同通知书")


def test_termination_approve_refuses_the_proposer_and_other_roles():
    lease = lease_in(Lease.Status.ACTIVE)
    manager = UserFactory(roles=["management"])
    termination = _propose(lease, manager)
    with pytest.raises(DomainError):
        termination_approve(termination=termination, by=manager, today=TODAY)
    with pytest.raises(PermissionDenied):
        termination_approve(termination=termination, by=UserFactory(roles=["finance"]), today=TODAY)
    termination.refresh_from_db()
    lease.refresh_from_db()
    assert termination.status == LeaseTermination.Status.PROPOSED and lease.status == Lease.Status.ACTIVE
    assert not Document.objects.exists()


def test_termination_reject_and_withdraw_leave_the_lease_running():
    lease = lease_in(Lease.Status.ACTIVE)
    proposer = UserFactory(roles=["business"])
    first = _propose(lease, proposer)
    with pytest.raises(DomainError) as refused:
        termination_reject(termination=first, by=UserFactory(roles=["management"]), note=" ")
    assert refused.value.field == "note"
    termination_reject(termination=first, by=UserFactory(roles=["management"]), note="Pay plan agreed.")
    second = _propose(lease, proposer)
    with pytest.raises(DomainError):
        termination_withdraw(termination=second, by=UserFactory(roles=["business"]))
    termination_withdraw(termination=second, by=proposer)
    with pytest.raises(DomainError):
        termination_approve(termination=second, by=UserFactory(roles=["management"]), today=TODAY)
    lease.refresh_from_db()
    assert lease.status == Lease.Status.ACTIVE
    assert set(lease.terminations.values_list("status", flat=True)) == {"rejected", "withdrawn"}


def test_a_terminated_lease_opens_its_move_out_visit_without_a_notice(document_root):
    # given
    lease = lease_in(Lease.Status.ACTIVE)
    front_desk = UserFactory(roles=["front_desk"])
    with pytest.raises(DomainError):
        handover.visits_open_move_out(lease=lease, visit_date=TODAY, by=front_desk, today=TODAY)
    termination = _propose(lease, UserFactory(roles=["finance"]))
    termination_approve(termination=termination, by=UserFactory(roles=["management"]), today=TODAY)
    # when
    visits = handover.visits_open_move_out(lease=lease, visit_date=TODAY, by=front_desk, today=TODAY)
    # then
    assert [v.kind for v in visits] == [Visit.Kind.MOVE_OUT]
