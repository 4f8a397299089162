"""The portal home: each block with something in it and with nothing (a friendly line, never an empty frame),
what each tenant role sees, and another tenant's data never shown."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from billing.models import Bill
from billing.selectors import open_bills
from billing.services.bills import billing_run
from documents.money import yuan
from documents.services import notice_send
from leasing.models import RenewalCase
from servicedesk.models import Ticket
from tests.billing.factories import active_lease
from tests.factories import MembershipFactory, TenantFactory, UserFactory
from tests.servicedesk.factories import TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    """The pages read in English here, so the assertions can quote them."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


EMPTY_LINES = (
    "home-due-none",
    "home-waiting-none",
    "home-requests-none",
    "home-leases-none",
    "home-inbox-none",
)


def _home(client, user):
    client.force_login(user)
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    return response.content.decode()


def _bills(*months: int) -> None:
    """The billing run of each month of 2026 given (one bill per running lease), issued that month."""
    for month in months:
        billing_run(month=date(2026, month, 1), today=date(2026, month, 1))


def _full_tenant():
    """A tenant with a running lease, two open bills, open requests, a quote, a repair to rate, a renewal
    question and a letter."""
    tenant = TenantFactory(name="星河科技")
    lease = active_lease(tenant=tenant)
    _bills(11, 12)
    TicketFactory(tenant=tenant, unit=lease.units.first(), description="漏水")
    TicketFactory(
        tenant=tenant,
        unit=lease.units.first(),
        kind=Ticket.Kind.PAID_SERVICE,
        quote_status=Ticket.QuoteStatus.OFFERED,
        status=Ticket.Status.ACKNOWLEDGED,
    )
    TicketFactory(tenant=tenant, unit=lease.units.first(), status=Ticket.Status.RESOLVED)
    RenewalCase.objects.create(
        lease=lease,
        term_end=lease.effective_end,
        due_date=lease.effective_end - timedelta(days=30),
        reminder_date=lease.effective_end - timedelta(days=61),
    )
    notice_send(tenant=tenant, subject="停水通知", body="明天停水。")
    return tenant, lease


def test_an_empty_tenant_sees_a_friendly_line_in_every_block(client):
    # given: a tenant with nothing yet
    user = MembershipFactory(tenant=TenantFactory()).user
    # when
    page = _home(client, user)
    # then
    for testid in EMPTY_LINES:
        assert f'data-testid="{testid}"' in page, testid
    assert 'data-testid="home-building-notices"' not in page


def test_a_busy_tenant_sees_what_it_owes_what_waits_and_what_is_open(client):
    # given
    tenant, lease = _full_tenant()
    other = active_lease(tenant=TenantFactory(name="远山贸易"))
    _bills(11, 12)
    user = MembershipFactory(tenant=tenant).user
    # when
    page = _home(client, user)
    # then: money due, the total of both bills and the earliest due date first
    bills = list(open_bills(tenant.pk))
    assert len(bills) == 2
    assert yuan(sum(bill.outstanding for bill in bills)) in page
    assert bills[0].due_date.isoformat() in page
    assert bills[0].number in page
    assert not any(bill.number in page for bill in Bill.objects.filter(lease=other))
    assert page.index("home-due") < page.index("home-waiting") < page.index("home-requests")
    # things waiting: the quote, the repair to rate, the renewal question
    assert page.count('data-testid="home-waiting-item"') == 3
    assert reverse("portal:lease-detail", args=[lease.pk]) in page
    # open requests (the resolved one is not open), the lease with its days left, the letter
    assert page.count('data-testid="home-request"') == 2
    assert lease.number in page and "days left" in page
    assert "停水通知" in page
    for testid in EMPTY_LINES:
        assert f'data-testid="{testid}"' not in page, testid


def test_finance_sees_bills_but_not_repairs_and_operations_the_reverse(client):
    tenant, _lease = _full_tenant()
    finance = MembershipFactory(tenant=tenant, role="finance").user
    operations = MembershipFactory(tenant=tenant, role="operations").user
    # finance
    page = _home(client, finance)
    assert 'data-testid="home-due"' in page and 'data-testid="home-requests"' not in page
    assert 'data-testid="home-action-fapiao"' in page and 'data-testid="home-action-repair"' not in page
    # operations
    page = _home(client, operations)
    assert 'data-testid="home-due"' not in page and 'data-testid="home-requests"' in page
    assert page.count('data-testid="home-waiting-item"') == 2  # the quote and the rating, not the renewal


def test_read_only_sees_everything_and_is_offered_no_button(client):
    tenant, _lease = _full_tenant()
    reader = MembershipFactory(tenant=tenant, role="read_only").user
    page = _home(client, reader)
    assert 'data-testid="home-due"' in page and 'data-testid="home-requests"' in page
    assert 'data-testid="home-waiting-none"' in page
    assert 'data-testid="home-action-repair"' not in page


def test_a_tenant_in_two_buildings_sees_which_building_each_lease_is_in(client):
    tenant = TenantFactory()
    first, second = active_lease(tenant=tenant), active_lease(tenant=tenant)
    assert first.building_id != second.building_id
    page = _home(client, MembershipFactory(tenant=tenant).user)
    assert first.building.name in page and second.building.name in page


def test_the_home_page_costs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    tenant, lease = _full_tenant()
    for _n in range(3):
        active_lease(tenant=tenant)
    _bills(9, 10)
    for _n in range(10):
        TicketFactory(tenant=tenant, unit=lease.units.first())
    user = MembershipFactory(tenant=tenant).user
    client.force_login(user)
    with django_assert_max_num_queries(12):
        client.get(reverse("portal:home"))


def test_staff_get_no_portal_home(client):
    client.force_login(UserFactory(roles=["front_desk"]))
    assert client.get(reverse("portal:home")).status_code == 404
