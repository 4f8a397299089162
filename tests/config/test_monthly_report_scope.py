"""The monthly report of a management office: "all buildings" is its portfolio (its own buildings), a
building of another office is no choice, and every figure counts the office's buildings only."""

from django.urls import reverse

from leasing.models import Unit
from tests.scope_world import two_offices
from tests.servicedesk.factories import TicketFactory


def test_an_office_portfolio_report_counts_only_its_buildings(client, db, general_manager):
    # given: the tenant's units and a ticket in each office's building
    world = two_offices()
    for lease in (world.here, world.there):
        TicketFactory(unit=lease.units.get(), tenant=world.tenant)
    client.force_login(world.staff_a("management"))
    # when
    response = client.get(reverse("monthly-report"))
    # then
    report = response.context["report"]
    assert report.occupancy.units == Unit.objects.filter(building=world.here.building_id).count()
    assert report.service.tickets == 1
    choices = response.context["form"].fields["building"].queryset
    assert list(choices) == [world.here.building]
    other = client.get(reverse("monthly-report"), {"building": world.there.building_id})
    assert "report" not in other.context
    # head office's portfolio is every building
    client.force_login(general_manager)
    everything = client.get(reverse("monthly-report")).context["report"]
    assert everything.occupancy.units == Unit.objects.count()
    assert everything.service.tickets == 2
