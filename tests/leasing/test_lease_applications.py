"""Leases drafted from an approved intake application (prefilled); the daily activation of signed leases."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.errors import DomainError
from leasing.leases.services import lease_create, leases_activate_due
from leasing.leases.signing import lease_sign
from leasing.models import Lease, Unit
from tenancy.models import Application
from tests.factories import TenantFactory
from tests.leasing.lease_factories import (  # noqa: F401 (the document_root fixture)
    building_with_units,
    business_user,
    document_root_fixture,
    lease_in,
    legal_approve,
    terms,
)
from tests.tenancy.intake.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def _approved(tenant, units, **extra):
    return ApplicationFactory(
        status=Application.Status.APPROVED,
        tenant=tenant,
        building=units[0].building.name,
        unit_codes="、".join(u.code for u in units),
        start_date=date(2026, 3, 1),
        end_date=date(2028, 2, 29),
        use="软件研发办公",
        signing_deadline=timezone.localdate() + timedelta(days=30),
        **extra,
    )


def test_the_lease_form_is_prefilled_from_an_approved_application(client, business_manager, tenant):
    # given
    units = building_with_units(2)
    application = _approved(tenant, units)
    client.force_login(business_manager)
    # when
    response = client.get(reverse("leasing:lease-create"), {"application": application.pk})
    # then
    initial = response.context["form"].initial
    assert initial["tenant"] == tenant.pk
    assert sorted(initial["units"]) == sorted(u.pk for u in units)
    assert (initial["start_date"], initial["end_date"]) == (date(2026, 3, 1), date(2028, 2, 29))
    assert application.number in response.content.decode()


def test_a_lease_drafted_from_the_application_links_to_it(client, business_manager, tenant):
    # given
    units = building_with_units(1)
    application = _approved(tenant, units)
    client.force_login(business_manager)
    data = {
        "tenant": tenant.pk, "units": [units[0].pk], "start_date": "2026-03-01", "end_date": "2028-02-29",
        "rent_basis": "per_m2", "rent_rate": "6.50", "fee_basis": "per_m2", "fee_rate": "1.20",
        "payment_cycle": "quarterly", "due_day": "1", "deposit_months": "3", "late_fee_rate": "0.05",
        "grace_days": "5", "rent_free_days": "0", "escalation_rate": "0", "use": "office",
        "notice_days": "30", "past_start_confirmed": "on", "past_start_reason": "已入驻，补录合同",
    }  # fmt: skip
    # when
    response = client.post(reverse("leasing:lease-create") + f"?application={application.pk}", data)
    # then
    assert response.status_code == 302
    assert Lease.objects.get().application == application


def test_an_application_not_approved_gives_404_and_another_tenants_is_refused(
    client, business_manager, tenant
):
    # given
    units = building_with_units(1)
    in_review = ApplicationFactory(status=Application.Status.IN_REVIEW, tenant=tenant)
    approved = _approved(tenant, units)
    client.force_login(business_manager)
    # when / then
    assert client.get(reverse("leasing:lease-create"), {"application": in_review.pk}).status_code == 404
    with pytest.raises(DomainError) as error:
        lease_create(
            tenant=TenantFactory(), units=units, terms=terms(), by=business_manager, application=approved
        )
    assert error.value.field == "tenant"
    assert Lease.objects.count() == 0


def test_leases_activate_due_occupies_the_units_of_signed_leases_that_started():
    # given
    started = lease_in(Lease.Status.SIGNED, start_date=date(2026, 1, 1))
    later = lease_in(Lease.Status.SIGNED, start_date=date(2026, 6, 1))
    # when
    count = leases_activate_due(today=date(2026, 1, 1))
    # then
    assert count == 1
    assert Lease.objects.get(pk=started.pk).status == Lease.Status.ACTIVE
    assert Lease.objects.get(pk=later.pk).status == Lease.Status.SIGNED
    assert {u.status for u in Unit.objects.filter(lease_units__lease=started)} == {Unit.Status.OCCUPIED}
    assert {u.status for u in Unit.objects.filter(lease_units__lease=later)} == {Unit.Status.RESERVED}


def test_signing_a_lease_from_an_application_uses_the_approval_and_activates_the_prospect(document_root):
    # given: an approved application of a prospect, drafted into a lease
    tenant = TenantFactory(status="prospect")
    units = building_with_units(1)
    application = _approved(tenant, units)
    signer = business_user()
    lease = lease_create(tenant=tenant, units=units, terms=terms(), by=signer, application=application)
    # when
    legal_approve(lease)
    lease_sign(lease=lease, staff_signer="王经理", tenant_signer="张三", by=signer)
    # then: the approval can no longer lapse, and the tenant counts as active
    application.refresh_from_db()
    tenant.refresh_from_db()
    assert application.leased_at is not None
    assert application.events.filter(kind="leased").count() == 1
    assert tenant.status == "active"


def test_the_contract_ledger_offers_to_draft_leases_for_approved_applications(
    client, business_manager, tenant
):
    # given
    units = building_with_units(1)
    application = _approved(tenant, units)
    client.force_login(business_manager)
    # when
    page = client.get(reverse("leasing:lease-list")).content.decode()
    # then
    assert application.number in page
    assert f"{reverse('leasing:lease-create')}?application={application.pk}" in page
