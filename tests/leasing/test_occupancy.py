"""A unit's occupancy is derived from leases and permits by one function (``leasing.occupancy``), and every
page that counts units (the dashboard, the unit list, the occupancy report, the rent roll, the directory)
agrees with it after each step of a lease's life."""

import ast
from datetime import timedelta
from pathlib import Path

import pytest

from config.dashboard import count_all
from fitout import services as fitout_services
from leasing import selectors as leasing_selectors
from leasing.directory.selectors import DirectoryFilters, directory_rows, directory_units
from leasing.filters import UnitFilter
from leasing.leases.ending import leases_end_due, leases_hold_over
from leasing.leases.selectors import occupancy_by_building, rent_roll, rent_roll_rows
from leasing.leases.services import lease_activate, lease_end
from leasing.models import Lease, Unit
from leasing.occupancy import OCCUPANCY_FACTS, units_occupancy_refresh
from leasing.services import unit_update
from leasing.tasks import units_occupancy_repair
from tests.factories import UserFactory
from tests.fitout import factories as fitout
from tests.leasing.factories import UnitFactory
from tests.leasing.lease_factories import lease_in

ROOT = Path(__file__).resolve().parents[2]
# The apps and config; bench/ seeds bulk rows and derives the units' status through the writer as well.
APPS = ("documents", "tenancy", "leasing", "handover", "billing", "fitout", "servicedesk", "config", "bench")
WRITER = ROOT / "leasing" / "occupancy.py"
WRITE_CALLS = {"update", "create", "bulk_create", "get_or_create", "update_or_create", "status_set"}


def _writes_unit_status(source: str) -> list[int]:
    """Lines that write a unit's status: ``x.status = Unit.Status.…`` or ``unit.status = …``, a write call
    (update, create…) or ``Unit(...)`` given ``status=`` on units, and any ``status_set(``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for element in target.elts if isinstance(target, ast.Tuple) else [target]:
                    if isinstance(element, ast.Attribute) and element.attr == "status":
                        owner = ast.unparse(element.value).lower()
                        if "unit" in owner or "Unit.Status" in ast.unparse(node.value):
                            found.append(node.lineno)
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            receiver = ast.unparse(node.func.value) if isinstance(node.func, ast.Attribute) else ""
            status = [kw for kw in node.keywords if kw.arg == "status"]
            if name == "status_set" or name == "Unit" and status:
                found.append(node.lineno)
            elif name in WRITE_CALLS and status:
                value = ast.unparse(status[0].value)
                if "Unit.Status" in value or "unit" in receiver.lower():
                    found.append(node.lineno)
    return sorted(found)


def test_the_scan_finds_a_write_of_unit_status():
    # given: the ways a module could write a unit's status behind the one writer's back
    sources = [
        "unit.status = 'occupied'",
        "Unit.objects.filter(pk=1).update(status=Unit.Status.VACANT)",
        "units.update(status='vacant')",
        "Unit(code='1', status=Unit.Status.OCCUPIED)",
        "qs.status_set(Unit.Status.VACANT)",
        "lease.status, unit.status = 'a', 'b'",
    ]
    # when / then
    assert [bool(_writes_unit_status(source)) for source in sources] == [True] * len(sources)
    assert _writes_unit_status("Lease.objects.filter(pk=1).update(status=Lease.Status.ENDED)") == []
    assert _writes_unit_status("Unit.objects.filter(status=Unit.Status.VACANT).count()") == []


def test_no_module_but_the_occupancy_writer_writes_unit_status():
    # given
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if path == WRITER or "migrations" in path.parts:
                continue
            # when
            lines = _writes_unit_status(path.read_text(encoding="utf-8"))
            offenders += [f"{path.relative_to(ROOT)}:{line}" for line in lines]
    # then
    assert offenders == []


def test_fit_out_registers_its_fact_with_leasing():
    assert [fact.__module__ for fact in OCCUPANCY_FACTS[Unit.Status.FIT_OUT]] == ["fitout.services.units"]


def _views(today) -> dict[str, dict[str, int]]:
    """What each page counts, by status."""
    dashboard = count_all(leasing_selectors.dashboard_counts())["status"]
    shown = [status for status, _icon in leasing_selectors.DASHBOARD_STATUSES]
    unit_list = {
        s: UnitFilter({"status": s}, queryset=leasing_selectors.unit_list()).qs.count() for s in shown
    }
    report = {"occupied": 0, "reserved": 0, "vacant": 0}
    for line in occupancy_by_building():
        report["occupied"] += line.occupied
        report["reserved"] += line.reserved
        report["vacant"] += line.vacant
    rows = rent_roll_rows(rent_roll(today), today)
    on_roll = sum(len([code for code in row.units.replace("、", ", ").split(", ") if code]) for row in rows)
    let = directory_units(today=today, filters=DirectoryFilters(occupancy="let")).count()
    vacant_rows = directory_rows(
        directory_units(today=today, filters=DirectoryFilters(occupancy="vacant")), today
    )
    return {
        "dashboard": {s: dashboard.get(s, 0) for s in shown},
        "unit_list": unit_list,
        "report": report,
        "rent_roll": {"units": on_roll},
        "directory": {"let": let, "vacant": len(vacant_rows)},
        "directory_vacant_statuses": {row.unit.status: 1 for row in vacant_rows},
    }


def _assert_agree(today, *, vacant: int, reserved: int, occupied: int, fit_out: int) -> None:
    views = _views(today)
    assert views["dashboard"] == {
        "vacant": vacant,
        "reserved": reserved,
        "occupied": occupied,
        "fit_out": fit_out,
    }
    assert views["unit_list"] == views["dashboard"]
    assert views["report"] == {"occupied": occupied, "reserved": reserved, "vacant": vacant}
    assert views["rent_roll"]["units"] == occupied + fit_out  # the tenant is in those units, under a lease
    assert views["directory"] == {"let": reserved + occupied + fit_out, "vacant": vacant}
    assert set(views["directory_vacant_statuses"]) <= {Unit.Status.VACANT}


@pytest.mark.django_db
def test_every_page_agrees_on_occupancy_after_each_lifecycle_step(settings):
    # given: two units of a building, one lease signed over one of them, the other free
    business, engineer = UserFactory(roles=["business"]), UserFactory(roles=["engineering"])
    lease = lease_in(Lease.Status.SIGNED)
    today = fitout.today()
    free = UnitFactory(building=lease.building)
    _assert_agree(today, vacant=1, reserved=1, occupied=0, fit_out=0)
    # when: the lease starts
    lease_activate(lease=lease, by=business, today=today)
    # then
    _assert_agree(today, vacant=1, reserved=0, occupied=1, fit_out=0)
    # when: its tenant gets a fit-out permit over the unit, then the works are accepted
    application = fitout.permitted(lease.tenant)  # a second running lease of the tenant, over a new unit
    _assert_agree(today, vacant=1, reserved=0, occupied=1, fit_out=1)
    fitout_services.completion_accept(application=application, findings="合格", by=engineer)
    _assert_agree(today, vacant=1, reserved=0, occupied=2, fit_out=0)
    # when: the first lease's term passes with nobody handing the unit back (the daily sweep)
    Lease.objects.filter(pk=lease.pk).update(effective_end=today - timedelta(days=1))
    leases_end_due(today=today)
    # then: holding over, still let, on the rent roll and in the directory
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.HOLDING_OVER
    _assert_agree(today, vacant=1, reserved=0, occupied=2, fit_out=0)
    # when: the hand-back ends it
    lease_end(lease=lease, move_out_date=today, by=business)
    # then
    _assert_agree(today, vacant=2, reserved=0, occupied=1, fit_out=0)
    assert Unit.objects.get(pk=free.pk).status == Unit.Status.VACANT


@pytest.mark.django_db
def test_a_withdrawn_unit_stays_unavailable_until_staff_free_it_and_a_held_one_cannot_be_withdrawn():
    # given
    engineer = UserFactory(roles=["engineering"])
    unit = UnitFactory(status=Unit.Status.VACANT)
    held = lease_in(Lease.Status.ACTIVE).units.get()

    def edit(target: Unit, status: str) -> Unit:
        return unit_update(
            unit=target, building=target.building, floor_number=target.floor.number, code=target.code,
            gross_area=target.gross_area, usable_area=target.usable_area, use=target.use, status=status,
            guide_rent=target.guide_rent, by=engineer,
        )  # fmt: skip

    # when
    edit(unit, Unit.Status.UNAVAILABLE)
    units_occupancy_refresh()  # a sweep over every unit keeps the withdrawal
    # then
    assert Unit.objects.get(pk=unit.pk).status == Unit.Status.UNAVAILABLE
    edit(Unit.objects.get(pk=unit.pk), Unit.Status.VACANT)
    assert Unit.objects.get(pk=unit.pk).status == Unit.Status.VACANT
    from documents.errors import DomainError

    with pytest.raises(DomainError):
        edit(held, Unit.Status.UNAVAILABLE)
    assert Unit.objects.get(pk=held.pk).status == Unit.Status.OCCUPIED


@pytest.mark.django_db
def test_a_stale_status_is_left_by_the_daily_sweep_and_corrected_by_the_weekly_repair():
    # given: a unit whose stored status says let while no lease holds it (as the old demo data did), and a
    # let unit whose lease started long ago stored as vacant
    unit = UnitFactory(status=Unit.Status.OCCUPIED)
    lease = lease_in(Lease.Status.ACTIVE)
    Unit.objects.filter(pk=lease.units.get().pk).update(status=Unit.Status.VACANT)
    # when: the daily sweep refreshes only the units that can have changed
    leases_end_due(today=fitout.today())
    # then
    assert Unit.objects.get(pk=unit.pk).status == Unit.Status.OCCUPIED
    # when: the weekly repair derives every unit again
    changed = units_occupancy_repair()
    # then
    assert changed == 2
    assert Unit.objects.get(pk=unit.pk).status == Unit.Status.VACANT
    assert lease.units.get().status == Unit.Status.OCCUPIED
    assert units_occupancy_repair() == 0


@pytest.mark.django_db
def test_the_daily_sweep_moves_the_units_of_lease_lines_starting_or_ending_today():
    # given: a running lease whose line starts today (reserved until yesterday), and one whose line (taken out
    # by an amendment, say) ended yesterday while the lease runs on
    today = fitout.today()
    yesterday = today - timedelta(days=1)
    starting = lease_in(Lease.Status.ACTIVE, start_date=today, end_date=today + timedelta(days=365))
    ending = lease_in(Lease.Status.ACTIVE, start_date=today - timedelta(days=90))
    ending.lease_units.update(end_date=yesterday)
    units_occupancy_refresh(today=yesterday)
    assert starting.units.get().status == Unit.Status.RESERVED
    assert ending.units.get().status == Unit.Status.OCCUPIED
    # when
    leases_end_due(today=today)
    # then
    assert starting.units.get().status == Unit.Status.OCCUPIED
    assert ending.units.get().status == Unit.Status.VACANT


@pytest.mark.django_db
def test_the_daily_sweep_catches_up_a_lease_line_that_turned_on_a_missed_night():
    # given: a line that started three days ago, its unit still reserved (the clock did not run since)
    today = fitout.today()
    lease = lease_in(Lease.Status.ACTIVE, start_date=today - timedelta(days=3))
    units_occupancy_refresh(today=today - timedelta(days=4))
    assert lease.units.get().status == Unit.Status.RESERVED
    # when
    leases_end_due(today=today)
    # then
    assert lease.units.get().status == Unit.Status.OCCUPIED


@pytest.mark.django_db
def test_a_lease_ended_at_its_term_by_the_sweep_frees_its_unit():
    # given: a lease handed back, its end date yesterday
    today = fitout.today()
    lease = lease_in(
        Lease.Status.NOTICE_GIVEN, start_date=today - timedelta(days=200), end_date=today - timedelta(days=1)
    )
    Lease.objects.filter(pk=lease.pk).update(move_out_date=today - timedelta(days=2))
    units_occupancy_refresh(today=today - timedelta(days=1))
    assert lease.units.get().status == Unit.Status.OCCUPIED
    # when
    leases_end_due(today=today)
    # then
    assert Lease.objects.get(pk=lease.pk).status == Lease.Status.ENDED
    assert lease.units.get().status == Unit.Status.VACANT


@pytest.mark.django_db
def test_a_lease_marked_holding_over_keeps_its_unit_let():
    # given: a running lease whose term ended three days ago (its lease line is over)
    today = fitout.today()
    lease = lease_in(Lease.Status.ACTIVE, end_date=today - timedelta(days=3))
    assert lease.units.get().status == Unit.Status.VACANT
    # when
    leases_hold_over(today=today)
    # then: the tenant is still in, so the unit is let again
    assert lease.units.get().status == Unit.Status.OCCUPIED
