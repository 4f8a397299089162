"""Every dashboard count is limited to the user's buildings: each count declares how its rows reach a
building, an office's staff count their buildings' rows only (head office all), still in one statement."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from config.dashboard import ASSIGNED, SECTIONS, section_cards
from leasing.models import Unit
from servicedesk.models import Ticket
from tenancy.roles import ALL_STAFF
from tests.factories import UserFactory
from tests.scope_world import two_offices
from tests.servicedesk.factories import TicketFactory


def test_every_count_of_every_section_declares_its_building_scope(db):
    # given: a user of every role (so every personal count is asked for)
    everyone = UserFactory(roles=list(ALL_STAFF))
    # when / then
    for section in (ASSIGNED, *SECTIONS):
        names = (section.counts(everyone) if section.personal else section.counts()).keys()
        undeclared = [name for name in names if name.split(":")[0] not in section.scopes]
        assert not undeclared, f"{section.title}: {undeclared}"


def _cards(user) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with translation.override("en"):
        sections = section_cards([ASSIGNED, *SECTIONS], user)
    return {str(card["label"]): card["value"] for section in sections for card in section["cards"]}


def test_an_office_counts_only_its_buildings_rows(db, general_manager):
    # given: a new ticket in each building, the tenant's two occupied units
    world = two_offices()
    for lease in (world.here, world.there):
        TicketFactory(unit=lease.units.get(), tenant=world.tenant, status=Ticket.Status.NEW)
    manager_a = world.staff_a("management")
    # when
    ours, everything = _cards(manager_a), _cards(general_manager)
    # then
    assert ours["New tickets"] == 1 and everything["New tickets"] == 2
    occupied = Unit.objects.filter(status=Unit.Status.OCCUPIED).count()
    assert ours["Occupied units"] == 1 and everything["Occupied units"] == occupied >= 2


def _dashboard_queries(client) -> list[dict]:  # type: ignore[no-untyped-def]
    """The queries of the dashboard, the fewer of two loads (a process reloads what changed once, e.g. the
    working-day calendar after another process's edit)."""
    loads = []
    for _load in range(2):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("dashboard")).status_code == 200
        loads.append(captured.captured_queries)
    return min(loads, key=len)


def test_an_office_dashboard_is_still_one_counting_statement(client, db):
    # given
    world = two_offices()
    client.force_login(world.staff_a("management"))
    client.get(reverse("dashboard"))
    few = len(_dashboard_queries(client))
    # when: more rows in both buildings
    for lease in (world.here, world.there):
        TicketFactory.create_batch(3, unit=lease.units.get(), status=Ticket.Status.NEW)
    queries = _dashboard_queries(client)
    # then: the rows do not add queries, and the counts are one statement
    assert len(queries) == few
    assert sum("COUNT(*)" in query["sql"] for query in queries) == 1
