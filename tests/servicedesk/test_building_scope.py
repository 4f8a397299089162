"""Tickets seen from a management office: the list, the follow-up queue, the analysis and every ticket URL
are limited to the office's buildings; a tenant renting in both buildings has each office see the tickets of
its own building only; head office sees all."""

import pytest
from django.urls import reverse
from django.utils import timezone

from servicedesk.models import Ticket
from tests.scope_world import TwoOffices, two_offices

from .factories import TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db) -> TwoOffices:
    return two_offices()


def _tickets(world: TwoOffices, **fields) -> tuple[Ticket, Ticket]:  # type: ignore[no-untyped-def]
    return tuple(  # type: ignore[return-value]
        TicketFactory(unit=lease.units.get(), tenant=world.tenant, **fields)
        for lease in (world.here, world.there)
    )


def test_an_office_lists_and_opens_only_its_buildings_tickets(client, world):
    # given: the shared tenant reported a problem in each building
    ours, theirs = _tickets(world)
    client.force_login(world.staff_a("front_desk"))
    # when
    table = client.get(reverse("servicedesk:ticket-list")).context["table"]
    # then
    assert [row.record.pk for row in table.rows] == [ours.pk]
    assert client.get(reverse("servicedesk:ticket-detail", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("servicedesk:ticket-acknowledge", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("servicedesk:ticket-detail", args=[ours.pk])).status_code == 200


def test_head_office_lists_both_buildings_tickets(client, world, front_desk):
    ours, theirs = _tickets(world)
    client.force_login(front_desk)
    table = client.get(reverse("servicedesk:ticket-list")).context["table"]
    assert {row.record.pk for row in table.rows} == {ours.pk, theirs.pk}


def test_an_office_follows_up_and_analyses_only_its_tickets(client, world):
    # given: both resolved, waiting for their follow-up
    ours, _theirs = _tickets(world, status=Ticket.Status.RESOLVED, resolved_at=timezone.now())
    client.force_login(world.staff_a("management"))
    # when
    queue = client.get(reverse("servicedesk:follow-up-queue")).context["tickets"]
    report = client.get(reverse("servicedesk:analysis")).context["report"]
    # then
    assert [ticket.pk for ticket in queue] == [ours.pk]
    assert sum(figures.tickets for figures in report.figures) == 1


def test_an_office_receives_tickets_only_for_its_buildings(client, world):
    client.force_login(world.staff_a("front_desk"))
    form = client.get(reverse("servicedesk:ticket-create")).context["form"]
    assert list(form.fields["building"].queryset) == [world.here.building]
    assert set(form.fields["unit"].queryset) == set(world.here.units.all())
