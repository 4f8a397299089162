"""The portal home of a suspended tenant: its suspension banner reads what the amount-due block already
loaded, so a dunning letter costs the home no query of its own, and says the same as the suspension."""

from datetime import timedelta

import pytest
from django.urls import reverse

from billing.services.arrears import dunning_run
from billing.suspension import tenant_suspension
from tests.billing.factories import active_lease, issued_bill
from tests.factories import MembershipFactory, TenantFactory
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture
from tests.servicedesk.factories import TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _suspended_tenant():
    """A tenant with four leases, a rent bill 30 days overdue (the final notice suspends its service), later
    bills not yet due and open requests."""
    tenant = TenantFactory()
    lease = active_lease(tenant=tenant)
    for _n in range(3):
        active_lease(tenant=tenant)
    bill = issued_bill(lease)
    today = bill.due_date + timedelta(days=30)
    dunning_run(today=today)
    for _n in range(5):
        TicketFactory(tenant=tenant, unit=lease.units.first())
    suspension = tenant_suspension(tenant.pk)
    assert suspension is not None
    return tenant, suspension


def test_the_home_of_a_suspended_tenant_costs_at_most_12_queries(
    document_root, client, django_assert_max_num_queries
):
    # given
    tenant, _suspension = _suspended_tenant()
    client.force_login(MembershipFactory(tenant=tenant).user)
    # when
    with django_assert_max_num_queries(12):
        response = client.get(reverse("portal:home"))
    # then: the banner is there all the same
    assert 'data-testid="suspension-banner"' in response.content.decode()


def test_the_home_banner_says_what_the_suspension_says(document_root, client):
    # given
    tenant, suspension = _suspended_tenant()
    client.force_login(MembershipFactory(tenant=tenant).user)
    # when
    home = client.get(reverse("portal:home")).content.decode()
    bills = client.get(reverse("portal:billing")).content.decode()  # no home block: the banner asks itself
    # then: the same since-date and overdue amount on the home page as on a page that loads nothing
    assert suspension.since.isoformat() in home
    assert f"{suspension.overdue:,}" in home
    banner = home[home.index('data-testid="suspension-banner"') :].split("</div></div>")[0]
    assert banner in bills


def test_a_tenant_that_is_not_suspended_has_no_banner_on_its_home(document_root, client):
    tenant = TenantFactory()
    issued_bill(active_lease(tenant=tenant))
    client.force_login(MembershipFactory(tenant=tenant).user)
    assert 'data-testid="suspension-banner"' not in client.get(reverse("portal:home")).content.decode()
