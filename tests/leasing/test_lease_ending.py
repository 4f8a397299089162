"""Issue 13: at the term end the daily sweep marks a lease whose units were not handed back "holding over"
(kept on the rent roll, the directory and the dashboard, billed, and open to a move-out visit without a
notice), and a renewal that has started supersedes its predecessor ("renewed", off the rent roll)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from billing.services.charges import leases_to_bill
from documents.errors import DomainError
from handover import services as handover
from leasing.document_kinds import MOVE_OUT_NOTICE
from leasing.leases.ending import leases_end_due
from leasing.leases.selectors import rent_roll
from leasing.models import Lease, LeaseEvent, Unit
from tests.factories import UserFactory

from .lease_factories import document_root_fixture, lease_in  # noqa: F401 (the document_root fixture)

pytestmark = pytest.mark.django_db


def _term_ended_yesterday(status: str = Lease.Status.ACTIVE, **overrides) -> tuple[Lease, date]:
    """A lease of one unit whose term ended yesterday, nobody having handed the unit back."""
    today = timezone.localdate()
    end = today - timedelta(days=1)
    lease = lease_in(status, start_date=end - timedelta(days=364), end_date=end, **overrides)
    return lease, today


def test_a_lease_past_its_end_with_the_tenant_still_in_is_holding_over():
    # given
    lease, today = _term_ended_yesterday()
    # when
    changed = leases_end_due(today=today)
    again = leases_end_due(today=today)
    # then
    lease.refresh_from_db()
    assert lease.status == Lease.Status.HOLDING_OVER
    assert (changed, again) == (1, 0)
    assert lease.events.filter(kind=LeaseEvent.Kind.HOLDING_OVER).count() == 1
    assert lease.units.get().status == Unit.Status.OCCUPIED


def test_a_lease_not_yet_past_its_end_is_not_holding_over():
    # given
    lease, today = _term_ended_yesterday()
    # when
    leases_end_due(today=lease.effective_end)
    # then
    lease.refresh_from_db()
    assert lease.status == Lease.Status.ACTIVE


def test_a_lease_holding_over_is_billed_for_its_month():
    # given
    lease, today = _term_ended_yesterday()
    leases_end_due(today=today)
    # when
    billed = leases_to_bill(lease.effective_end)
    # then
    assert lease in billed


def test_a_lease_holding_over_stays_on_the_rent_roll_and_the_directory_marked_as_such(client):
    # given
    lease, today = _term_ended_yesterday()
    leases_end_due(today=today)
    client.force_login(UserFactory(roles=["business"]))
    # when
    roll = client.get(reverse("leasing:report-rent-roll"))
    directory = client.get(reverse("leasing:directory") + "?occupancy=let")
    # then
    unit = lease.units.get()
    for page in (roll, directory):
        content = page.content.decode()
        assert lease.number in content and unit.code in content
        assert 'data-testid="holding-over"' in content


def test_the_dashboard_counts_leases_holding_over():
    # given
    from config.dashboard import count_all
    from leasing.selectors import lease_dashboard_cards, lease_dashboard_counts

    _lease, today = _term_ended_yesterday()
    leases_end_due(today=today)
    # when
    cards = lease_dashboard_cards(count_all(lease_dashboard_counts()))
    # then
    holding = next(card for card in cards if card["url"].endswith("?status=holding_over"))
    assert holding["value"] == 1


def test_a_move_out_visit_opens_from_a_lease_holding_over_without_a_notice():
    # given
    lease, today = _term_ended_yesterday()
    leases_end_due(today=today)
    by = UserFactory(roles=["front_desk"])
    # when
    visits = handover.visits_open_move_out(lease=lease, visit_date=today, by=by, today=today)
    # then
    assert [visit.unit_id for visit in visits] == [lease.units.get().pk]


def test_a_running_lease_still_needs_a_notice_for_a_move_out_visit():
    # given
    lease = lease_in(Lease.Status.ACTIVE)
    by = UserFactory(roles=["front_desk"])
    # when / then
    with pytest.raises(DomainError):
        handover.visits_open_move_out(lease=lease, visit_date=timezone.localdate(), by=by)


def test_a_started_renewal_supersedes_its_predecessor_which_leaves_the_rent_roll():
    # given
    lease, today = _term_ended_yesterday()
    renewal = lease_in(
        Lease.Status.SIGNED,
        units=list(lease.units.all()),
        tenant=lease.tenant,
        start_date=today,
        end_date=today + timedelta(days=364),
    )
    Lease.objects.filter(pk=renewal.pk).update(previous=lease)
    # when
    leases_end_due(today=today)
    # then
    lease.refresh_from_db()
    assert lease.status == Lease.Status.RENEWED
    assert lease.events.filter(kind=LeaseEvent.Kind.SUPERSEDED).count() == 1
    assert lease not in rent_roll(today)


def test_a_renewal_not_yet_started_leaves_its_predecessor_running():
    # given
    lease = lease_in(Lease.Status.ACTIVE)
    renewal = lease_in(
        Lease.Status.SIGNED,
        units=list(lease.units.all()),
        tenant=lease.tenant,
        start_date=lease.end_date + timedelta(days=1),
        end_date=lease.end_date + timedelta(days=365),
    )
    Lease.objects.filter(pk=renewal.pk).update(previous=lease)
    # when
    leases_end_due(today=lease.end_date)
    # then
    lease.refresh_from_db()
    assert lease.status == Lease.Status.ACTIVE


def test_the_move_out_of_a_lease_holding_over_ends_it_on_the_hand_back_day():
    # given: a moved-in lease whose term ended yesterday, holding over
    from handover.models import Sheet
    from tests.handover import factories as visits

    by = visits.staff()
    move_in = visits.move_in_visit(by=by, status=Lease.Status.ACTIVE)
    visits.complete_move_in(move_in, by)
    lease, today = move_in.lease, visits.TODAY + timedelta(days=11)
    Lease.objects.filter(pk=lease.pk).update(effective_end=visits.TODAY + timedelta(days=10))
    leases_end_due(today=today)
    (out,) = handover.visits_open_move_out(lease=lease, visit_date=today, by=by, today=today)
    # when
    visits.fill_keys(out, by, returned=3)
    visits.sign(out, Sheet.Kind.KEYS, by)
    visits.fill_meters(out, by, reading="1400.25")
    visits.sign(out, Sheet.Kind.METERS, by)
    visits.fill_acceptance(out, by, defect=False)
    visits.sign(out, Sheet.Kind.ACCEPTANCE, by)
    handover.sheet_sign(sheet=visits.sheet_of(out, Sheet.Kind.MOVE_OUT), by=by, **visits.signers())
    # then
    lease.refresh_from_db()
    assert lease.status == Lease.Status.ENDED
    assert lease.move_out_date == today
    assert lease.units.get().status == Unit.Status.VACANT


def test_a_leave_answer_within_the_notice_period_still_gives_notice_at_the_term_end():
    # given: a term ending in ten days, with a 30-day notice period
    from leasing.leases.renewals import lease_expiry_sweep, renewal_case_answer
    from leasing.models import MoveOutNotice, RenewalCase

    today = timezone.localdate()
    end = today + timedelta(days=10)
    lease = lease_in(Lease.Status.ACTIVE, start_date=end - timedelta(days=364), end_date=end)
    case = RenewalCase.objects.get(pk__in=lease_expiry_sweep(today=today))
    # when
    renewal_case_answer(case=case, intent="leave", by=None, portal=True)
    # then
    notice = MoveOutNotice.objects.get(lease=lease)
    assert notice.move_out_date == end and notice.override_by is None
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.NOTICE_GIVEN


def test_a_leave_notice_is_for_the_term_end_only():
    # given
    from leasing.leases.moveout import move_out_notice_give
    from leasing.models import MoveOutNotice

    lease = lease_in(Lease.Status.ACTIVE)
    # when / then
    with pytest.raises(DomainError):
        move_out_notice_give(
            lease=lease,
            move_out_date=lease.effective_end - timedelta(days=1),
            channel="portal",
            by=None,
            at_term_end=True,
            today=lease.effective_end - timedelta(days=5),
        )
    assert not MoveOutNotice.objects.filter(lease=lease).exists()


def test_a_move_out_notice_is_written_as_a_pdf_filed_for_the_tenant(document_root):
    # given
    import io

    from pypdf import PdfReader

    from documents.models import Document
    from documents.storage import document_storage
    from leasing.leases.moveout import move_out_notice_give

    lease = lease_in(Lease.Status.ACTIVE)
    today = lease.effective_end - timedelta(days=60)
    # when
    notice = move_out_notice_give(
        lease=lease, move_out_date=lease.effective_end, channel="portal", by=None, today=today
    )
    # then
    document = Document.objects.get(kind=MOVE_OUT_NOTICE)
    assert document.tenant_id == lease.tenant_id and document.visible_to_tenant
    assert document.about == notice
    with document_storage().open(document.file_path, "rb") as handle:
        text = PdfReader(io.BytesIO(handle.read())).pages[0].extract_text()
    assert "退租通知" in text and lease.number in text
