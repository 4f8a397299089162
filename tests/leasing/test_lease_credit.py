"""Credit grades have consequences (信用奖惩): grade A's discount on renewal, grade C's deposit and term, and
management's exception before a grade C tenant signs on softer terms."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from documents.errors import DomainError
from documents.models import Document
from leasing.leases.credit import lease_credit_exception, softer_than_grade_c
from leasing.leases.renewals import lease_expiry_sweep, renewal_case_answer
from leasing.leases.signing import lease_sign
from leasing.models import BuildingCreditTerms, Lease, LeaseEvent, RenewalCase
from tenancy.models import CreditRecord
from tests.factories import TenantFactory, UserFactory
from tests.leasing.lease_factories import (
    END,
    building_with_units,
    business_user,
    document_root_fixture,
    draft_lease,
    lease_in,
)
from tests.tenancy.intake.factories import assessment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Refusals and notes are read in English here (pages are checked by their markers)."""
    with translation.override("en"):
        yield


document_root = document_root_fixture


def _tenant(grade: str):
    tenant = TenantFactory()
    assessment(tenant, grade, UserFactory(roles=["business"]))
    return tenant


def _building_terms(units, **values) -> BuildingCreditTerms:
    defaults = {
        "a_discount_percent": Decimal("10"),
        "c_deposit_months": Decimal("6"),
        "c_max_term_months": 12,
    }
    return BuildingCreditTerms.objects.create(building=units[0].building, **{**defaults, **values})


def _renew(lease: Lease) -> Lease:
    case = RenewalCase.objects.get(pk__in=lease_expiry_sweep(today=date(2027, 10, 31)))
    return renewal_case_answer(case=case, intent="renew", by=UserFactory(roles=["front_desk"])).next_lease


def test_a_grade_a_renewal_proposes_the_buildings_discount_recorded_as_a_reward():
    # given: rent 6.50/m²; the building gives grade A 10 %
    units = building_with_units(1)
    _building_terms(units)
    lease = lease_in(Lease.Status.ACTIVE, units=units, tenant=_tenant("A"), end_date=END)
    # when
    renewal = _renew(lease)
    # then
    assert renewal.rent_rate == Decimal("5.85")
    drafted = renewal.events.get(kind=LeaseEvent.Kind.DRAFTED)
    assert "10%" in drafted.note
    record = CreditRecord.objects.get(tenant=lease.tenant)
    assert (record.kind, record.grade, record.reference) == ("reward", "A", renewal.number)


def test_a_grade_c_renewal_proposes_the_higher_deposit_and_shorter_term_recorded_as_a_penalty():
    # given: a 24-month lease with 3 months' deposit; grade C asks for 6 months and at most 12 months
    units = building_with_units(1)
    _building_terms(units)
    lease = lease_in(Lease.Status.ACTIVE, units=units, tenant=_tenant("C"), end_date=END)
    # when
    renewal = _renew(lease)
    # then
    assert renewal.deposit_months == Decimal("6")
    assert (renewal.start_date, renewal.end_date) == (date(2028, 1, 1), date(2028, 12, 31))
    assert renewal.rent_rate == lease.rent_rate
    assert softer_than_grade_c(renewal) == []
    record = CreditRecord.objects.get(tenant=lease.tenant)
    assert (record.kind, record.grade) == ("penalty", "C")


def test_a_grade_b_renewal_keeps_the_terms():
    units = building_with_units(1)
    _building_terms(units)
    lease = lease_in(Lease.Status.ACTIVE, units=units, tenant=_tenant("B"), end_date=END)
    renewal = _renew(lease)
    assert (renewal.rent_rate, renewal.deposit_months) == (lease.rent_rate, lease.deposit_months)
    assert not CreditRecord.objects.exists()


def test_a_grade_c_draft_on_softer_terms_is_refused_without_management(document_root):
    # given: a 24-month draft with 3 months' deposit for a grade C tenant
    units = building_with_units(1)
    _building_terms(units)
    lease = draft_lease(units=units, tenant=_tenant("C"))
    # when / then: business cannot sign it, nor make the exception
    with pytest.raises(DomainError, match="management"):
        lease_sign(lease=lease, staff_signer="王经理", tenant_signer="张三", by=business_user())
    with pytest.raises(DomainError, match="management"):
        lease_credit_exception(lease=lease, reason="老客户", by=business_user())
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.DRAFT
    assert Document.objects.count() == 0
    assert not CreditRecord.objects.exists()


def test_management_exception_with_a_reason_lets_the_softer_draft_be_signed(document_root):
    # given
    units = building_with_units(1)
    _building_terms(units)
    lease = draft_lease(units=units, tenant=_tenant("C"))
    manager = UserFactory(roles=["management"])
    with pytest.raises(DomainError) as no_reason:
        lease_credit_exception(lease=lease, reason=" ", by=manager)
    # when
    record = lease_credit_exception(lease=lease, reason="集团担保", by=manager)
    signed = lease_sign(lease=lease, staff_signer="王经理", tenant_signer="张三", by=business_user())
    # then
    assert no_reason.value.field == "reason"
    assert signed.status == Lease.Status.SIGNED
    assert (record.kind, record.reference, record.by) == ("exception", lease.number, manager)
    assert "集团担保" in record.note and "deposit" in record.note


def test_no_exception_for_a_draft_that_meets_the_grade_c_terms():
    units = building_with_units(1)
    _building_terms(units)
    lease = draft_lease(
        units=units, tenant=_tenant("C"), deposit_months=Decimal("6"), end_date=date(2026, 12, 31)
    )
    with pytest.raises(DomainError, match="no exception"):
        lease_credit_exception(lease=lease, reason="x", by=UserFactory(roles=["management"]))


def test_the_new_lease_form_is_prefilled_with_the_grade_c_deposit_and_says_why(client, business_manager):
    # given
    units = building_with_units(1)
    _building_terms(units)
    tenant = _tenant("C")
    client.force_login(business_manager)
    # when
    response = client.get(reverse("leasing:lease-create"), {"tenant": tenant.pk, "unit": units[0].pk})
    # then
    assert response.context["form"].initial["deposit_months"] == Decimal("6")
    assert 'data-testid="credit-proposal"' in response.content.decode()


def test_the_lease_page_shows_the_softer_terms_and_the_exception_link_to_management_only(
    client, business_manager, general_manager
):
    # given
    units = building_with_units(1)
    _building_terms(units)
    lease = draft_lease(units=units, tenant=_tenant("C"))
    url = reverse("leasing:lease-detail", args=[lease.pk])
    # when
    client.force_login(business_manager)
    for_business = client.get(url).content.decode()
    client.force_login(general_manager)
    for_management = client.get(url).content.decode()
    # then
    assert 'data-testid="credit-terms"' in for_business and "credit-exception-link" not in for_business
    assert "credit-exception-link" in for_management


def test_the_exception_page_records_it_for_management(client, general_manager):
    units = building_with_units(1)
    _building_terms(units)
    lease = draft_lease(units=units, tenant=_tenant("C"))
    client.force_login(general_manager)
    url = reverse("leasing:lease-credit-exception", args=[lease.pk])
    empty = client.post(url, {"reason": ""})
    done = client.post(url, {"reason": "集团担保"})
    assert empty.status_code == 400
    assert done.status_code == 302
    assert CreditRecord.objects.filter(kind="exception", reference=lease.number).count() == 1


def test_the_renewals_page_lists_grade_a_tenants_for_priority_renewal(client, front_desk):
    # given: two leases ending together, the later one's tenant graded A
    other = lease_in(Lease.Status.ACTIVE, tenant=_tenant("B"), end_date=END)
    good = lease_in(Lease.Status.ACTIVE, tenant=_tenant("A"), end_date=END)
    lease_expiry_sweep(today=date(2027, 10, 31))
    client.force_login(front_desk)
    # when
    everyone = client.get(reverse("leasing:renewal-case-list"))
    priority = client.get(reverse("leasing:renewal-case-list"), {"priority": "1"})
    # then
    assert [c.lease for c in everyone.context["cases"]] == [good, other]
    assert everyone.content.decode().count('data-testid="priority-renewal"') == 1
    assert [c.lease for c in priority.context["cases"]] == [good]


def test_management_sets_the_credit_terms_on_the_building_form_business_does_not_see_them(
    client, business_manager, general_manager
):
    # given
    building = building_with_units(1)[0].building
    url = reverse("leasing:building-edit", args=[building.pk])
    data = {"name": building.name, "code": building.code, "address": "", "bill_payment_days": "7"}
    credit = {"credit-a_discount_percent": "5", "credit-c_deposit_months": "6"}
    credit["credit-c_max_term_months"] = "12"
    # when
    client.force_login(business_manager)
    business_page = client.get(url).content.decode()
    client.post(url, {**data, **credit})
    unchanged = BuildingCreditTerms.objects.filter(building=building).exists()
    client.force_login(general_manager)
    bad = client.post(url, {**data, **credit, "credit-a_discount_percent": "80"})
    saved = client.post(url, {**data, **credit})
    detail = client.get(reverse("leasing:building-detail", args=[building.pk])).content.decode()
    # then
    assert 'data-testid="credit-terms-form"' not in business_page and not unchanged
    assert bad.status_code == 200 and "credit-a_discount_percent" in bad.content.decode()
    assert saved.status_code == 302
    terms = BuildingCreditTerms.objects.get(building=building)
    assert (terms.a_discount_percent, terms.c_deposit_months, terms.c_max_term_months) == (5, 6, 12)
    assert 'data-testid="building-credit-terms"' in detail
