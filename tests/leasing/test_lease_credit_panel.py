"""The tenant's credit grade and its history show wherever a lease, a renewal or an amendment is drafted."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from leasing.models import Lease, RenewalCase
from tests.factories import TenantFactory
from tests.leasing.lease_factories import building_with_units, draft_lease, lease_in
from tests.tenancy.intake.factories import assessment

pytestmark = pytest.mark.django_db


def _graded(by):
    tenant = TenantFactory()
    assessment(tenant, "A", by)
    assessment(tenant, "B", by, previous="A")
    return tenant


def _panel(response) -> str:
    page = response.content.decode()
    assert 'data-testid="credit-panel"' in page
    return page[page.index('data-testid="credit-panel"') :]


def test_the_new_lease_form_shows_the_chosen_tenants_grade_and_history(client, business_manager):
    # given
    tenant = _graded(business_manager)
    client.force_login(business_manager)
    # when
    response = client.get(reverse("leasing:lease-create"), {"tenant": tenant.pk})
    # then
    panel = _panel(response)
    assert 'data-testid="credit-grade" data-grade="B"' in panel
    assert panel.count('data-testid="credit-row"') == 2  # both assessments, the drop marked
    assert 'data-testid="grade-drop"' in panel


def test_the_new_lease_form_without_a_tenant_shows_no_panel(client, business_manager):
    client.force_login(business_manager)
    response = client.get(reverse("leasing:lease-create"))
    assert 'data-testid="credit-panel"' not in response.content.decode()


def test_the_draft_edit_form_shows_the_grade(client, business_manager):
    # given
    lease = draft_lease(tenant=_graded(business_manager), units=building_with_units(1))
    client.force_login(business_manager)
    # when
    response = client.get(reverse("leasing:lease-edit", args=[lease.pk]))
    # then
    assert 'data-grade="B"' in _panel(response)


def test_the_amendment_form_shows_the_grade(client, business_manager):
    # given
    lease = lease_in(Lease.Status.ACTIVE, tenant=_graded(business_manager))
    client.force_login(business_manager)
    # when
    response = client.get(reverse("leasing:amendment-create", args=[lease.pk]))
    # then
    assert 'data-grade="B"' in _panel(response)


def test_the_renewal_case_shows_the_grade_and_a_tenant_never_assessed_says_so(client, business_manager):
    # given
    lease = lease_in(Lease.Status.ACTIVE, tenant=TenantFactory())
    case = RenewalCase.objects.create(
        lease=lease, term_end=lease.end_date, reminder_date=date(2027, 10, 31),
        due_date=lease.end_date - timedelta(days=30),
    )  # fmt: skip
    client.force_login(business_manager)
    # when
    response = client.get(reverse("leasing:renewal-case-detail", args=[case.pk]))
    # then
    assert 'data-testid="credit-none"' in _panel(response)
