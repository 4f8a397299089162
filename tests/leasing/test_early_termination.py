"""Issue 22: a notice that ends the fixed term early is an early termination, allowed by the lease's break
clause or accepted by management with a reason; the notice's date becomes the lease's end date."""

from datetime import date

import pytest
from django.urls import reverse

from documents.errors import DomainError
from leasing.leases.moveout import move_out_notice_give
from leasing.models import Lease, MoveOutNotice
from tests.factories import UserFactory

from .lease_factories import END, lease_in

pytestmark = pytest.mark.django_db

TODAY = date(2026, 1, 8)  # a week into a lease running to the end of 2027


def test_an_early_termination_without_a_break_clause_is_refused_in_the_portal():
    # given
    lease = lease_in(Lease.Status.ACTIVE)
    # when / then: 30 days' notice one week into the term
    with pytest.raises(DomainError, match="提前解约条款|break clause") as refused:
        move_out_notice_give(
            lease=lease, move_out_date=date(2026, 2, 28), channel="portal", by=None, today=TODAY
        )
    assert refused.value.field == "move_out_date"
    assert not MoveOutNotice.objects.exists()
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.ACTIVE


def test_management_accepts_an_early_termination_with_a_reason_the_front_desk_cannot():
    # given
    lease = lease_in(Lease.Status.ACTIVE)
    front_desk, manager = UserFactory(roles=["front_desk"]), UserFactory(roles=["management"])
    args = {"lease": lease, "move_out_date": date(2026, 2, 28), "channel": "front_desk", "today": TODAY}
    # when / then
    with pytest.raises(DomainError) as refused:
        move_out_notice_give(**args, by=front_desk, early_reason="客户要求")
    assert refused.value.field == "early_reason"
    notice = move_out_notice_give(**args, by=manager, early_reason="集团搬迁，同意收取违约金")
    # then
    assert notice.early_termination and notice.early_accepted_by == manager
    lease.refresh_from_db()
    assert lease.status == Lease.Status.NOTICE_GIVEN and lease.effective_end == date(2026, 2, 28)
    assert lease.end_date == END  # the term as signed stays


def test_the_break_clause_allows_an_early_termination_from_its_date_with_its_notice():
    # given: break from 1 July 2026 with three months' notice
    lease = lease_in(Lease.Status.ACTIVE, break_from=date(2026, 7, 1), break_notice_months=3)
    # when / then: before the break date, and with too short a notice, refused
    with pytest.raises(DomainError, match="2026-07-01"):
        move_out_notice_give(
            lease=lease, move_out_date=date(2026, 6, 30), channel="portal", by=None, today=TODAY
        )
    with pytest.raises(DomainError, match="2026-09-08"):
        move_out_notice_give(
            lease=lease, move_out_date=date(2026, 7, 31), channel="portal", by=None, today=date(2026, 6, 8)
        )
    notice = move_out_notice_give(
        lease=lease, move_out_date=date(2026, 9, 30), channel="portal", by=None, today=date(2026, 6, 8)
    )
    assert notice.early_termination and notice.early_accepted_by is None


def test_a_notice_for_the_term_end_is_no_early_termination():
    lease = lease_in(Lease.Status.ACTIVE)
    notice = move_out_notice_give(
        lease=lease, move_out_date=END, channel="portal", by=None, today=date(2027, 10, 1)
    )
    assert not notice.early_termination


def test_the_portal_shows_the_refusal_at_the_date_field(client, tenant, tenant_user):
    # given
    lease = lease_in(
        Lease.Status.ACTIVE, tenant=tenant, start_date=date(2026, 1, 1), end_date=date(2099, 12, 31)
    )
    client.force_login(tenant_user)
    # when
    response = client.post(
        reverse("portal:lease-detail", kwargs={"pk": lease.pk}),
        {"move_out_date": "2098-12-31", "reason": ""},
    )
    # then
    assert "提前解约" in response.context["notice"].errors["move_out_date"][0]
    assert not MoveOutNotice.objects.exists()


def test_the_lease_draft_form_stores_the_break_terms(client):
    # given
    from tests.factories import TenantFactory

    from .factories import UnitFactory
    from .test_lease_pages import _lease_post

    client.force_login(UserFactory(roles=["business"]))
    data = _lease_post(
        TenantFactory(),
        [UnitFactory()],
        break_from="2027-01-01",
        break_penalty_months="2",
        break_notice_months="3",
    )
    # when
    response = client.post(reverse("leasing:lease-create"), data)
    # then
    assert response.status_code == 302, response.context["form"].errors
    lease = Lease.objects.get()
    assert (lease.break_from, lease.break_notice_months, lease.break_penalty_months) == (
        date(2027, 1, 1),
        3,
        2,
    )


def test_the_lease_page_shows_the_break_clause_and_the_early_termination(client):
    # given
    lease = lease_in(Lease.Status.ACTIVE, break_from=date(2026, 7, 1), break_penalty_months=2)
    manager = UserFactory(roles=["management"])
    move_out_notice_give(
        lease=lease,
        move_out_date=date(2026, 6, 30),
        channel="front_desk",
        early_reason="集团搬迁",
        by=manager,
        today=TODAY,
    )
    client.force_login(manager)
    # when
    page = client.get(reverse("leasing:lease-detail", kwargs={"pk": lease.pk})).content.decode()
    # then
    assert "自 2026-07-01 起" in page and "2.0 个月租金" in page
    assert 'data-testid="early-termination"' in page and "集团搬迁" in page
