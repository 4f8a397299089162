"""Billing seen from a management office: an office's staff see their buildings' bills, deposits, arrears,
settlements and letters, never another building's (its object URLs are 404); a tenant renting in both
buildings is seen by each office with that office's bills only; head office sees everything."""

from decimal import Decimal

import pytest
from django.urls import reverse

from billing.models import Bill, DepositAccount
from billing.services.arrears import dunning_run
from billing.services.bank import statement_parse, suggestions_for
from billing.services.bills import billing_run
from billing.services.collection import collection_case_open
from billing.services.deposits import deposit_receive
from billing.services.documents import bill_render
from tests.billing.factories import ISSUED_AHEAD, MARCH, pay
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture
from tests.scope_world import TwoOffices, two_offices

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db, finance_manager) -> TwoOffices:
    found = two_offices()
    billing_run(month=MARCH, today=ISSUED_AHEAD)
    for lease in (found.here, found.there):
        deposit_receive(lease=lease, amount=Decimal("1000"), method="transfer", on=MARCH, by=finance_manager)
    return found


def _bills(world: TwoOffices) -> tuple[Bill, Bill]:
    return tuple(Bill.objects.get(lease=lease, period_start=MARCH) for lease in (world.here, world.there))  # type: ignore[return-value]


def test_an_office_lists_and_opens_only_its_buildings_bills(client, world):
    # given
    ours, theirs = _bills(world)
    client.force_login(world.staff_a("finance"))
    # when
    page = client.get(reverse("billing:bill-list")).content.decode()
    exported = client.get(reverse("billing:bill-list") + "?export=csv").content.decode()
    # then
    assert ours.number in page and theirs.number not in page
    assert ours.number in exported and theirs.number not in exported
    for name in ("billing:bill-detail", "billing:bill-pdf"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert client.post(reverse("billing:bill-send", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("billing:bill-detail", args=[ours.pk])).status_code == 200


def test_head_office_sees_both_buildings_bills(client, world, finance_manager):
    ours, theirs = _bills(world)
    client.force_login(finance_manager)
    page = client.get(reverse("billing:bill-list")).content.decode()
    assert ours.number in page and theirs.number in page


def test_an_office_sees_the_shared_tenant_arrears_of_its_own_buildings(client, world):
    # given: both bills unpaid, overdue
    ours, theirs = _bills(world)
    client.force_login(world.staff_a("finance"))
    # when
    response = client.get(reverse("billing:arrears") + "?as_of=2026-04-30")
    # then: one row for the tenant, owing A's bill only
    (row,) = response.context["rows"]
    assert row["tenant_id"] == world.tenant.pk and row["total"] == ours.total
    assert client.get(reverse("billing:arrears") + f"?building={world.there.building_id}").status_code == 200
    assert response.context["form"].fields["building"].queryset.count() == 1


def test_an_office_sees_its_deposits_and_settles_only_its_leases(client, world):
    client.force_login(world.staff_a("finance"))
    page = client.get(reverse("billing:deposit-list"))
    leases = {account.lease_id for account in page.context["accounts"]}
    assert leases == {world.here.pk}
    assert DepositAccount.objects.count() == 2
    assert client.get(reverse("billing:settlement", args=[world.there.pk])).status_code == 404
    response = client.post(reverse("billing:move-in-charge-issue", args=[world.there.pk]))
    assert response.status_code == 404


def test_a_payment_shows_an_office_only_what_was_matched_to_its_bills(client, world, finance_manager):
    # given: the shared tenant pays; the money goes to both bills (oldest first)
    ours, theirs = _bills(world)
    payment = pay(world.tenant, ours.total + theirs.total, by=finance_manager)
    client.force_login(world.staff_a("finance"))
    # when
    response = client.get(reverse("billing:payment-detail", args=[payment.pk]))
    # then
    assert {a.bill_id for a in response.context["allocations"]} == {ours.pk}


def test_an_office_arrears_file_lists_its_bills_and_letters_only(client, world, document_root):
    # given: both bills 20 days overdue, a reminder on each; the tenant's arrears file
    dunning_run(today=Bill.objects.get(lease=world.here).due_date.replace(day=25))
    case = collection_case_open(tenant_id=world.tenant.pk, today=MARCH)
    ours, theirs = _bills(world)
    client.force_login(world.staff_a("finance"))
    # when
    response = client.get(reverse("billing:collection-detail", args=[case.pk]))
    # then
    assert [bill.pk for bill in response.context["bills"]] == [ours.pk]
    assert {letter.bill_id for letter in response.context["letters"]} == {ours.pk}


def test_an_office_exports_the_ledger_of_one_of_its_buildings_only(client, world):
    client.force_login(world.staff_a("finance"))
    url = reverse("billing:export")
    period = "start=2026-01-01&end=2026-12-31&format=csv"
    whole = client.get(f"{url}?{period}")
    assert whole.status_code == 200 and "attachment" not in whole.get("Content-Disposition", "")
    assert "head office exports the whole ledger" in whole.content.decode()
    other = client.get(f"{url}?{period}&building={world.there.building_id}")
    assert "attachment" not in other.get("Content-Disposition", "")
    ours = client.get(f"{url}?{period}&building={world.here.building_id}")
    assert "attachment" in ours["Content-Disposition"]


def test_an_office_downloads_only_its_buildings_bill_pdfs(client, world, document_root):
    # given: both bills printed; the tenant is seen by both offices, each bill by its building's only
    ours, theirs = (bill_render(bill=bill) for bill in _bills(world))
    client.force_login(world.staff_a("finance"))
    # when / then
    assert client.get(reverse("documents:download", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("documents:download", args=[ours.pk])).status_code == 200


def test_a_bank_statement_suggests_an_office_only_its_buildings_bills(world):
    # given: a bank row quoting the number of office B's bill
    ours, theirs = _bills(world)
    rows = statement_parse(
        f"date,amount,reference,payer\r\n2026-03-04,100.00,RENT {theirs.number},ACME\r\n".encode()
    )
    # when
    (for_a,) = suggestions_for(rows, world.staff_a("finance"))
    (for_all,) = suggestions_for(rows)
    # then
    assert for_a["bill"] is None and for_all["bill"] == theirs
