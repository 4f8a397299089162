"""A building's own utility tariff: proposed and approved like the general one, it wins over the general
tariff in its building from its date, and only there; the periodic bill, the move-out preview and the
tariff page all use it."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from billing.models import Bill, BillLine, ChargeKind, StandardProposal, Tariff
from billing.services.bills import billing_run
from billing.services.settlement import tariff_on
from billing.services.standards import ProposalInput, standard_approve, standard_propose
from billing.services.utilities import Tariffs
from documents.errors import DomainError
from handover.models import Meter
from tests.billing.factories import active_lease
from tests.handover.round_factories import meters_of, round_read
from tests.leasing.factories import BuildingFactory

pytestmark = pytest.mark.django_db

JAN, FEB, MAR = (date(2026, m, 1) for m in (1, 2, 3))


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _approved(finance, manager, *, price: str, building=None, days: int = 0) -> Tariff:  # type: ignore[no-untyped-def]
    data = ProposalInput(
        "electricity", building, Decimal(price), timezone.localdate() + timedelta(days=days), "own supply"
    )
    proposal = standard_approve(proposal=standard_propose(data=data, by=finance), by=manager)
    return proposal.tariff


def test_a_building_tariff_wins_over_the_general_one_from_its_date(finance_manager, general_manager):
    # given: the general price from today, building A's own from day 10
    a, b = BuildingFactory(), BuildingFactory()
    _approved(finance_manager, general_manager, price="0.8000")
    own = _approved(finance_manager, general_manager, price="1.1000", building=a, days=10)
    # when
    tariffs, today = Tariffs(), timezone.localdate()
    # then: A pays the general price until its own starts; B and the general list never see A's
    assert own.building == a and own.proposal.building == a
    assert tariffs.on("electricity", today + timedelta(days=9), a.pk) == Decimal("0.8000")
    assert tariffs.on("electricity", today + timedelta(days=10), a.pk) == Decimal("1.1000")
    assert tariffs.on("electricity", today + timedelta(days=10), b.pk) == Decimal("0.8000")
    assert tariffs.on("electricity", today + timedelta(days=10)) == Decimal("0.8000")
    assert tariff_on("electricity", today + timedelta(days=10), a.pk) == Decimal("1.1000")
    assert tariff_on("electricity", today + timedelta(days=10), b.pk) == Decimal("0.8000")


def test_a_building_tariff_has_its_own_line_of_dates(finance_manager, general_manager):
    # given: a general price from day 5
    building = BuildingFactory()
    _approved(finance_manager, general_manager, price="0.8000", days=5)
    # when: the building's own price from today (before the general one's date) is proposed and approved
    own = _approved(finance_manager, general_manager, price="1.0000", building=building)
    # then: it is accepted, and a second own price for the same date is refused
    assert own.effective_from == timezone.localdate()
    with pytest.raises(DomainError):
        _approved(finance_manager, general_manager, price="1.2000", building=building)
    assert StandardProposal.objects.filter(status=StandardProposal.Status.APPROVED).count() == 2


def test_one_tariff_per_building_kind_and_date_in_the_database():
    building = BuildingFactory()
    Tariff.objects.create(meter_kind="water", unit_price=Decimal("5"), effective_from=JAN)
    Tariff.objects.create(building=building, meter_kind="water", unit_price=Decimal("6"), effective_from=JAN)
    for owner in (None, building):
        with pytest.raises(IntegrityError), transaction.atomic():
            Tariff.objects.create(
                building=owner, meter_kind="water", unit_price=Decimal("7"), effective_from=JAN
            )


def test_the_billing_run_prices_each_building_at_its_own_tariff(engineer):
    # given: two leases in two buildings, 100 kWh each; building A has its own price
    here, there = active_lease(), active_lease()
    assert here.building_id != there.building_id
    Tariff.objects.create(meter_kind="electricity", unit_price=Decimal("1.0000"), effective_from=JAN)
    Tariff.objects.create(
        building=here.building, meter_kind="electricity", unit_price=Decimal("1.5000"), effective_from=JAN
    )
    for lease in (here, there):
        (meter,) = meters_of(lease, (Meter.Kind.ELECTRICITY,))
        round_read(lease.building, JAN, {meter: "1000"}, by=engineer, on=date(2026, 1, 31))
        round_read(lease.building, FEB, {meter: "1100"}, by=engineer, on=date(2026, 2, 28))
    # when
    billing_run(month=MAR, today=MAR)
    # then
    amounts = {
        line.bill.lease_id: line.amount
        for line in BillLine.objects.filter(kind=ChargeKind.UTILITY, bill__kind=Bill.Kind.REGULAR)
    }
    assert amounts == {here.pk: Decimal("150.00"), there.pk: Decimal("100.00")}


def test_the_tariff_page_lists_a_building_tariff_under_its_building(client, finance_manager):
    building = BuildingFactory(name="East Tower")
    Tariff.objects.create(meter_kind="gas", unit_price=Decimal("3.2000"), effective_from=JAN)
    Tariff.objects.create(
        building=building, meter_kind="gas", unit_price=Decimal("3.9000"), effective_from=JAN
    )
    client.force_login(finance_manager)
    page = client.get(reverse("billing:standards")).content.decode()
    assert f'data-building="{building.pk}"' in page and "East Tower" in page and "3.9" in page
    history = client.get(reverse("billing:standard-history", args=["gas"]) + f"?building={building.pk}")
    assert "3.9" in history.content.decode() and "3.2" not in history.content.decode()
