"""Issue 22: handing the keys back before the notice date does not end the lease: it runs (and is billed) to
the notice date, the daily sweep ends it then, and only management may release the tenant early."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from billing.services.charges import leases_to_bill
from documents.errors import DomainError
from handover import services
from handover.models import Sheet, Visit
from leasing.leases.ending import lease_release_early, leases_end_due
from leasing.leases.moveout import move_out_notice_give
from leasing.models import Lease, LeaseEvent, Unit

from .factories import (
    TODAY,
    complete_move_in,
    fill_acceptance,
    fill_keys,
    fill_meters,
    move_in_visit,
    sheet_of,
    sign,
    signers,
    staff,
)

pytestmark = pytest.mark.django_db

NOTICE_DATE = date(2026, 5, 31)
HANDBACK = TODAY + timedelta(days=7)  # 2026-03-09, weeks before the notice date


def _moving_out_early() -> Visit:
    """A lease with a notice effective NOTICE_DATE (an early termination management accepted) and its
    move-out visit on HANDBACK, every sheet but the confirmation signed."""
    by = staff()
    visit = move_in_visit(by=by, status=Lease.Status.ACTIVE)
    complete_move_in(visit, by)
    notice = move_out_notice_give(
        lease=visit.lease,
        move_out_date=NOTICE_DATE,
        channel="front_desk",
        early_reason="公司搬迁",
        by=staff("management"),
        today=TODAY,
    )
    (out,) = services.visits_open_move_out(notice=notice, visit_date=HANDBACK, by=by, today=TODAY)
    fill_keys(out, by, returned=3)
    sign(out, Sheet.Kind.KEYS, by)
    fill_meters(out, by, reading="1400.25")
    sign(out, Sheet.Kind.METERS, by)
    fill_acceptance(out, by, defect=False)
    sign(out, Sheet.Kind.ACCEPTANCE, by)
    return out


def _handed_back_early() -> Lease:
    """As above, the move-out confirmation signed on HANDBACK."""
    out = _moving_out_early()
    services.sheet_sign(sheet=sheet_of(out, Sheet.Kind.MOVE_OUT), by=staff(), **signers())
    return Lease.objects.get(pk=out.lease_id)


def test_a_move_out_before_the_notice_date_keeps_the_lease_running_and_billed_to_that_date():
    # given / when: the confirmation is signed on 9 March for a notice effective 31 May
    lease = _handed_back_early()
    # then: the lease runs on, handed back, and is billed through May but not June
    assert lease.status == Lease.Status.NOTICE_GIVEN
    assert lease.move_out_date == HANDBACK and lease.effective_end == NOTICE_DATE
    assert lease.events.filter(kind=LeaseEvent.Kind.HANDED_BACK).exists()
    assert leases_to_bill(date(2026, 5, 1)).filter(pk=lease.pk).exists()
    assert not leases_to_bill(date(2026, 6, 1)).filter(pk=lease.pk).exists()


def test_the_daily_sweep_ends_the_lease_after_its_end_date_once():
    # given
    lease = _handed_back_early()
    # when: the sweep runs on the end date, the day after, and again
    on_the_day = leases_end_due(today=NOTICE_DATE)
    after = leases_end_due(today=NOTICE_DATE + timedelta(days=1))
    again = leases_end_due(today=NOTICE_DATE + timedelta(days=1))
    # then
    lease.refresh_from_db()
    assert (on_the_day, after, again) == (0, 1, 0)
    assert lease.status == Lease.Status.ENDED and lease.effective_end == NOTICE_DATE
    assert lease.move_out_date == HANDBACK
    assert Unit.objects.get(pk=lease.units.get().pk).status == Unit.Status.VACANT


def test_only_management_releases_a_tenant_early_with_a_reason():
    # given
    lease = _handed_back_early()
    # when / then
    with pytest.raises(PermissionDenied):
        lease_release_early(lease=lease, reason="同意", by=staff())
    with pytest.raises(DomainError) as missing:
        lease_release_early(lease=lease, reason=" ", by=staff("management"))
    assert missing.value.field == "reason"
    lease_release_early(lease=lease, reason="新租户已接手", by=staff("management"))
    lease.refresh_from_db()
    assert lease.status == Lease.Status.ENDED and lease.effective_end == HANDBACK
    assert lease.events.get(kind=LeaseEvent.Kind.RELEASED).note == "新租户已接手"


def test_the_confirmation_page_says_the_lease_runs_to_its_end_date_before_signing(client):
    # given
    out = _moving_out_early()
    client.force_login(staff())
    # when
    page = client.get(reverse("handover:sheet", kwargs={"pk": out.pk, "kind": Sheet.Kind.MOVE_OUT}))
    # then
    warning = page.content.decode()
    assert 'data-testid="move-out-before-end"' in warning and "2026-05-31" in warning


def test_the_release_page_is_for_management_and_ends_the_lease_on_the_handback_day(client):
    # given
    lease = _handed_back_early()
    url = reverse("leasing:lease-release", kwargs={"pk": lease.pk})
    # when
    client.force_login(staff())
    refused = client.post(url, {"reason": "同意"})
    client.force_login(staff("management"))
    empty = client.post(url, {"reason": ""})
    released = client.post(url, {"reason": "新租户已接手"})
    # then
    assert refused.status_code == 403 and empty.status_code == 200
    assert released.status_code == 302
    lease.refresh_from_db()
    assert lease.status == Lease.Status.ENDED and lease.effective_end == HANDBACK
