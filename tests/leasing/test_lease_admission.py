"""Admission before a lease: a new tenant's lease needs an admission in force, or management's override with a
reason on the timeline; a current tenant's lease and a renewal need none; signing checks it again."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.errors import DomainError
from leasing.leases.services import lease_create
from leasing.leases.signing import lease_sign
from leasing.models import Lease, LeaseEvent
from tenancy.models import Application, Tenant
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

from .test_lease_pages import _lease_post

pytestmark = pytest.mark.django_db


def _admitted(tenant, *, deadline_days: int = 30, status: str = Application.Status.APPROVED):
    return ApplicationFactory(
        status=status, tenant=tenant, signing_deadline=timezone.localdate() + timedelta(days=deadline_days)
    )


def test_a_prospect_without_admission_gets_no_lease():
    # given
    prospect = TenantFactory(status=Tenant.Status.PROSPECT)
    # when / then
    with pytest.raises(DomainError) as error:
        lease_create(tenant=prospect, units=building_with_units(1), terms=terms(), by=business_user())
    assert error.value.field == "tenant"
    assert Lease.objects.count() == 0


@pytest.mark.parametrize("status", [Application.Status.LAPSED, Application.Status.IN_REVIEW])
def test_an_admission_lapsed_or_not_given_does_not_count(status):
    # given
    prospect = TenantFactory(status=Tenant.Status.PROSPECT)
    _admitted(prospect, status=status)
    # when / then
    with pytest.raises(DomainError):
        lease_create(tenant=prospect, units=building_with_units(1), terms=terms(), by=business_user())
    assert Lease.objects.count() == 0


def test_an_approval_past_its_signing_deadline_does_not_count_before_the_daily_lapse():
    # given
    prospect = TenantFactory(status=Tenant.Status.PROSPECT)
    _admitted(prospect, deadline_days=-1)
    # when / then
    with pytest.raises(DomainError):
        lease_create(tenant=prospect, units=building_with_units(1), terms=terms(), by=business_user())


def test_a_prospect_with_an_admission_in_force_gets_a_lease_linked_to_it():
    # given
    prospect = TenantFactory(status=Tenant.Status.PROSPECT)
    application = _admitted(prospect)
    # when
    lease = lease_create(tenant=prospect, units=building_with_units(1), terms=terms(), by=business_user())
    # then
    assert lease.application == application


def test_a_former_tenant_coming_back_needs_admission_again():
    # given
    former = TenantFactory(status=Tenant.Status.ARCHIVED)
    # when / then
    with pytest.raises(DomainError):
        lease_create(tenant=former, units=building_with_units(1), terms=terms(), by=business_user())


def test_business_may_not_override_the_admission(business_manager):
    # given
    prospect = TenantFactory(status=Tenant.Status.PROSPECT)
    # when / then
    with pytest.raises(DomainError) as error:
        lease_create(
            tenant=prospect, units=building_with_units(1), terms=terms(), by=business_manager,
            admission_override_reason="老客户关联公司",
        )  # fmt: skip
    assert error.value.field == "admission_override_reason"
    assert Lease.objects.count() == 0


def test_management_overrides_with_a_reason_kept_on_the_timeline(general_manager):
    # given
    prospect = TenantFactory(status=Tenant.Status.PROSPECT)
    # when
    lease = lease_create(
        tenant=prospect, units=building_with_units(1), terms=terms(), by=general_manager,
        admission_override_reason="集团关联公司，总经理批准",
    )  # fmt: skip
    # then
    event = lease.events.get(kind=LeaseEvent.Kind.ADMISSION_OVERRIDDEN)
    assert (event.note, event.by) == ("集团关联公司，总经理批准", general_manager)


def test_a_current_tenant_and_a_renewal_need_no_admission():
    # given
    current = TenantFactory(status=Tenant.Status.ACTIVE)
    previous = lease_in(Lease.Status.ACTIVE, tenant=current)
    prospect_again = TenantFactory(status=Tenant.Status.PROSPECT)
    # when
    lease = lease_create(tenant=current, units=building_with_units(1), terms=terms(), by=business_user())
    renewal = lease_create(
        tenant=prospect_again, units=building_with_units(1), terms=terms(), by=None, previous=previous
    )
    # then
    assert lease.application is None and renewal.previous == previous


def test_signing_is_refused_once_the_admission_lapsed(document_root):
    # given: drafted while the admission was in force; the approval lapsed since
    prospect = TenantFactory(status=Tenant.Status.PROSPECT)
    application = _admitted(prospect)
    signer = business_user()
    lease = lease_create(tenant=prospect, units=building_with_units(1), terms=terms(), by=signer)
    Application.objects.filter(pk=application.pk).update(status=Application.Status.LAPSED)
    # when / then
    legal_approve(lease)
    with pytest.raises(DomainError):
        lease_sign(lease=lease, staff_signer="王经理", tenant_signer="张三", by=signer)
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.DRAFT


def test_signing_an_overridden_draft_makes_the_prospect_active(document_root, general_manager):
    # given
    prospect = TenantFactory(status=Tenant.Status.PROSPECT)
    lease = lease_create(
        tenant=prospect, units=building_with_units(1), terms=terms(), by=general_manager,
        admission_override_reason="总经理批准",
    )  # fmt: skip
    # when
    legal_approve(lease)
    lease_sign(lease=lease, staff_signer="王经理", tenant_signer="张三", by=general_manager)
    # then
    prospect.refresh_from_db()
    assert prospect.status == Tenant.Status.ACTIVE


def test_the_form_shows_the_refusal_at_the_tenant_and_the_override_to_management_only(
    client, business_manager, general_manager
):
    # given
    prospect = TenantFactory(status=Tenant.Status.PROSPECT)
    units = building_with_units(1)
    client.force_login(business_manager)
    # when
    response = client.post(reverse("leasing:lease-create"), _lease_post(prospect, units))
    # then
    assert response.context["form"].errors["tenant"]
    assert 'data-testid="admission-override"' not in response.content.decode()
    client.force_login(general_manager)
    assert 'data-testid="admission-override"' in client.get(reverse("leasing:lease-create")).content.decode()


def test_management_overrides_through_the_form(client, general_manager):
    # given
    prospect = TenantFactory(status=Tenant.Status.PROSPECT)
    client.force_login(general_manager)
    data = _lease_post(prospect, building_with_units(1), admission_override_reason="总经理批准")
    # when
    response = client.post(reverse("leasing:lease-create"), data)
    # then
    assert response.status_code == 302
    lease = Lease.objects.get()
    assert lease.events.filter(kind=LeaseEvent.Kind.ADMISSION_OVERRIDDEN, note="总经理批准").exists()
