"""Every billing page: the roles allowed get it, every other role 403, portal users the staff-only page,
anonymous users the login page; portal pages show a tenant its own records and 404 for another's."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from billing.models import DepositAccount, FapiaoRequest, Refund
from billing.services.deposits import deposit_receive, refund_open
from billing.views._common import APPROVERS, FLAG_READERS, READERS, WRITERS
from tenancy.roles import Role
from tests.billing.factories import MARCH, active_lease, issued_bill, pay
from tests.factories import UserFactory
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture


@pytest.fixture
def records(db, settings, tenant):
    clerk = UserFactory(roles=["finance"])
    lease = active_lease(tenant=tenant)
    bill = issued_bill(lease)
    payment = pay(tenant, "100", by=clerk)
    deposit_receive(lease=lease, amount=Decimal("500"), method="transfer", on=MARCH, by=clerk)
    account = DepositAccount.objects.get(lease=lease)
    refund = refund_open(account=account, amount=Decimal("50"), by=clerk)
    fapiao = FapiaoRequest.objects.create(payment=payment, title="T", tax_number="91110000000000000X")
    return {
        "bill": bill,
        "payment": payment,
        "lease": lease,
        "account": account,
        "refund": refund,
        "fapiao": fapiao,
        "tenant": tenant,
    }


def _pages(r: dict) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (reverse("billing:bill-list"), READERS),
        (reverse("billing:bill-detail", args=[r["bill"].pk]), READERS),
        (reverse("billing:bill-pdf", args=[r["bill"].pk]), READERS),
        (reverse("billing:run") + "?month=2026-03", WRITERS),
        (reverse("billing:run-progress") + "?month=2026-03", WRITERS),
        (reverse("billing:charge-create"), WRITERS),
        (reverse("billing:payment-list"), READERS),
        (reverse("billing:payment-create"), WRITERS),
        (reverse("billing:payment-detail", args=[r["payment"].pk]), READERS),
        (reverse("billing:receipt-pdf", args=[r["payment"].pk]), READERS),
        (reverse("billing:bank-import"), WRITERS),
        (reverse("billing:deposit-list"), READERS),
        (reverse("billing:arrears"), READERS),
        (reverse("billing:statement", args=[r["tenant"].pk]), READERS),
        (reverse("billing:export"), READERS),
        (reverse("billing:period-close"), WRITERS),
        (reverse("billing:fapiao-list"), READERS),
        (reverse("billing:fapiao-issue", args=[r["fapiao"].pk]), WRITERS),
        (reverse("billing:settlement", args=[r["lease"].pk]), WRITERS),
        (reverse("billing:suspended"), FLAG_READERS),
    ]


def test_the_roles_are_finance_writing_and_management_reading():
    assert set(WRITERS) == {Role.FINANCE}
    assert set(READERS) == set(APPROVERS) == {Role.FINANCE, Role.MANAGEMENT}
    assert set(FLAG_READERS) == {Role.FRONT_DESK, Role.FINANCE, Role.MANAGEMENT}


def test_each_role_gets_exactly_the_pages_it_may_use(client, staff_by_role, records, document_root):
    for url, allowed in _pages(records):
        for role, user in staff_by_role.items():
            client.force_login(user)
            response = client.get(url)
            expected = (200, 302) if role in allowed else (403,)
            assert response.status_code in expected, (url, role, response.status_code)


def test_refund_decisions_are_for_finance_and_management_only(client, staff_by_role, records):
    url = reverse("billing:refund-decide", args=[records["refund"].pk])
    for role, user in staff_by_role.items():
        if role in APPROVERS:
            continue
        client.force_login(user)
        assert client.post(url, {"decision": "approve"}).status_code == 403, role
    client.force_login(staff_by_role[Role.MANAGEMENT])
    approval = {"decision": "approve", "payee_bank": "ICBC", "payee_account": "6222 0000 1111"}
    assert client.post(url, approval).status_code == 302
    assert Refund.objects.get(pk=records["refund"].pk).status == Refund.Status.PAID


def test_a_portal_user_gets_the_staff_only_page(client, tenant_user, records):
    client.force_login(tenant_user)
    for url, _allowed in _pages(records):
        response = client.get(url)
        assert response.status_code == 403, url
        assert [t.name for t in response.templates][0] == "403_staff_only.html"


def test_anonymous_users_are_sent_to_the_login_page(client, records):
    for url, _allowed in _pages(records):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_the_portal_shows_the_tenant_its_own_bills_and_payments(client, tenant_user, records, document_root):
    client.force_login(tenant_user)
    page = client.get(reverse("portal:billing"))
    assert page.status_code == 200 and records["bill"].number in page.content.decode()
    assert client.get(reverse("portal:bill-detail", args=[records["bill"].pk])).status_code == 200
    assert client.post(reverse("portal:bill-pdf", args=[records["bill"].pk])).status_code == 302
    assert client.post(reverse("portal:receipt-pdf", args=[records["payment"].pk])).status_code == 302
    assert client.get(reverse("portal:statement")).status_code == 200


def test_another_tenants_records_are_a_404_in_the_portal(client, other_tenant_user, records):
    client.force_login(other_tenant_user)
    for url in (
        reverse("portal:bill-detail", args=[records["bill"].pk]),
        reverse("portal:bill-pdf", args=[records["bill"].pk]),
        reverse("portal:receipt-pdf", args=[records["payment"].pk]),
        reverse("portal:fapiao-request", args=[records["payment"].pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert records["bill"].number not in client.get(reverse("portal:billing")).content.decode()


def test_staff_cannot_use_portal_billing_pages(client, finance_manager, records):
    client.force_login(finance_manager)
    assert client.get(reverse("portal:billing")).status_code == 404


def test_anonymous_users_are_sent_to_the_portal_login(client, records):
    response = client.get(reverse("portal:billing"))
    assert response.status_code == 302 and response.url.startswith(reverse("portal:login"))


def test_a_date_in_the_past_month_is_accepted_for_a_statement(client, finance_manager, records):
    client.force_login(finance_manager)
    url = reverse("billing:statement", args=[records["tenant"].pk]) + f"?start=2026-01-01&end={date.today()}"
    response = client.get(url)
    assert response.status_code == 200 and records["bill"].number in response.content.decode()
