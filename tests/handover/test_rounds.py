"""The monthly meter-reading round (抄表): opened by engineering for a building and month, every meter of
the occupied units read (none lower than before unless the meter was replaced), closed; who may do what."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from documents.errors import DomainError
from handover import services
from handover.models import Meter, MeterReading, MeterRound
from handover.permissions import ROUND_READERS, ROUND_VIEWERS
from handover.selectors import round_meters, round_missing_meters
from handover.services import RoundLine
from tenancy.roles import Role
from tests.billing.factories import active_lease

from .round_factories import meters_of, round_read

pytestmark = pytest.mark.django_db

JAN, FEB = date(2026, 1, 1), date(2026, 2, 1)
JAN_END, FEB_END = date(2026, 1, 31), date(2026, 2, 28)


@pytest.fixture(autouse=True)
def _english_pages(settings):
    settings.LANGUAGE_CODE = "en"  # the messages the page tests look for


@pytest.fixture
def metered(db):
    """An active lease of one unit with an electricity and a water meter."""
    lease = active_lease()
    return lease, meters_of(lease, (Meter.Kind.ELECTRICITY, Meter.Kind.WATER))


def _open(lease, engineer, month=JAN):
    return services.round_open(building=lease.building, month=month, by=engineer, today=month.replace(day=28))


def test_round_open_once_per_building_and_month_and_not_ahead(metered, engineer):
    # given
    lease, _meters = metered
    _open(lease, engineer)
    # when / then: the same month again, and a month to come, are refused at the month field
    with pytest.raises(DomainError) as twice:
        _open(lease, engineer)
    with pytest.raises(DomainError) as ahead:
        services.round_open(building=lease.building, month=date(2026, 3, 1), by=engineer, today=FEB_END)
    assert twice.value.field == "month" and ahead.value.field == "month"
    assert MeterRound.objects.count() == 1


def test_round_lists_the_meters_of_occupied_units_only(metered, engineer):
    # given: a vacant unit's meter in the same building
    lease, meters = metered
    from tests.leasing.factories import UnitFactory

    vacant = UnitFactory(building=lease.building, status="vacant")
    Meter.objects.create(unit=vacant, kind=Meter.Kind.ELECTRICITY, number="VACANT-1")
    # when
    rows = round_meters(_open(lease, engineer))
    # then
    assert {row.meter for row in rows} == set(meters)


def test_round_readings_save_refuses_a_lower_reading_unless_the_meter_was_replaced(metered, engineer):
    # given: January read 1000
    lease, (electricity, water) = metered
    round_read(lease.building, JAN, {electricity: "1000", water: "50"}, by=engineer, on=JAN_END)
    february = _open(lease, engineer, month=FEB)
    # when / then: 900 is refused at the row's reading
    with pytest.raises(DomainError) as lower:
        services.round_readings_save(
            meter_round=february,
            lines=[RoundLine(electricity.pk, Decimal("900"))],
            by=engineer,
            today=FEB_END,
        )
    assert lower.value.field == "0:reading" and "1000" in lower.value.message
    assert not MeterReading.objects.filter(round=february).exists()
    # when: the new meter and the reason are given, the reading goes to the new meter
    services.round_readings_save(
        meter_round=february,
        lines=[RoundLine(electricity.pk, Decimal("12"), new_number="E-NEW-1", replacement_reason="烧坏")],
        by=engineer,
        today=FEB_END,
    )
    # then
    electricity.refresh_from_db()
    new = Meter.objects.get(number="E-NEW-1")
    assert not electricity.active and new.replaces == electricity and new.unit_id == electricity.unit_id
    assert MeterReading.objects.get(round=february).meter == new


def test_round_close_refuses_while_meters_are_missing_then_confirms_the_readings(metered, engineer):
    # given: only the electricity meter read
    lease, (electricity, water) = metered
    meter_round = round_read(lease.building, JAN, {electricity: "1000"}, by=engineer, on=JAN_END, close=False)
    assert round_missing_meters(meter_round) == [water]
    # when / then
    with pytest.raises(DomainError) as missing:
        services.round_close(meter_round=meter_round, by=engineer)
    assert water.number in missing.value.message
    # when: the water meter read too
    services.round_readings_save(
        meter_round=meter_round, lines=[RoundLine(water.pk, Decimal("50"))], by=engineer, today=JAN_END
    )
    closed = services.round_close(meter_round=meter_round, by=engineer)
    # then
    assert closed.status == MeterRound.Status.CLOSED and closed.closed_by == engineer
    assert not MeterReading.objects.filter(round=closed, confirmed_at__isnull=True).exists()
    with pytest.raises(DomainError):
        services.round_readings_save(
            meter_round=closed, lines=[RoundLine(water.pk, Decimal("60"))], by=engineer, today=JAN_END
        )


def test_round_services_are_for_engineering(metered, front_desk, general_manager):
    lease, _meters = metered
    for user in (front_desk, general_manager):
        with pytest.raises(PermissionDenied):
            services.round_open(building=lease.building, month=JAN, by=user, today=JAN_END)


# Pages


def test_the_round_roles_are_the_ones_the_brief_names():
    assert set(ROUND_READERS) == {Role.ENGINEERING}
    assert set(ROUND_VIEWERS) == {Role.FRONT_DESK, Role.ENGINEERING, Role.MANAGEMENT}


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_round_pages_are_seen_by_front_desk_engineering_management_only(
    metered, engineer, staff_by_role, role, client
):
    # given
    lease, _meters = metered
    meter_round = _open(lease, engineer)
    client.force_login(staff_by_role[role])
    # when
    pages = [reverse("handover:round-list"), reverse("handover:round-detail", args=[meter_round.pk])]
    statuses = {client.get(url).status_code for url in pages}
    # then
    assert statuses == ({200} if role in ROUND_VIEWERS else {403})


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_round_writes_are_for_engineering_only(metered, engineer, staff_by_role, role, client):
    # given
    lease, (electricity, water) = metered
    meter_round = _open(lease, engineer)
    client.force_login(staff_by_role[role])
    data = _post_data(meter_round, {electricity: "10", water: "2"})
    # when
    saved = client.post(reverse("handover:round-detail", args=[meter_round.pk]), data)
    opened = client.post(reverse("handover:round-open"), {"building": lease.building.pk, "month": "2026-02"})
    closed = client.post(reverse("handover:round-close", args=[meter_round.pk]))
    # then
    if role in ROUND_READERS:
        assert saved.status_code == 302 and closed.status_code == 302
        assert opened.status_code in (302, 400)  # February may be ahead of the real today
        assert MeterRound.objects.get(pk=meter_round.pk).status == MeterRound.Status.CLOSED
    else:
        assert {saved.status_code, opened.status_code, closed.status_code} == {403}
        assert not MeterReading.objects.filter(round=meter_round).exists()


def _post_data(meter_round, readings, **extra):
    rows = round_meters(meter_round)
    data = {"r-TOTAL_FORMS": len(rows), "r-INITIAL_FORMS": len(rows)}
    for index, row in enumerate(rows):
        data[f"r-{index}-meter_id"] = row.meter.pk
        data[f"r-{index}-reading"] = readings.get(row.meter, "")
    data.update(extra)
    return data


def test_round_page_keeps_what_was_typed_when_a_reading_is_not_a_number(
    metered, engineer, staff_by_role, client
):
    # given
    lease, (electricity, water) = metered
    meter_round = _open(lease, engineer)
    client.force_login(staff_by_role[Role.ENGINEERING])
    # when
    response = client.post(
        reverse("handover:round-detail", args=[meter_round.pk]),
        _post_data(meter_round, {electricity: "12a", water: "345.6"}),
    )
    # then: refused at the field, the other value still there, nothing saved
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter the reading as a number" in html and 'value="345.6"' in html and 'value="12a"' in html
    assert not MeterReading.objects.filter(round=meter_round).exists()


def test_round_page_shows_a_lower_reading_at_its_row_and_lists_missing_meters(
    metered, engineer, staff_by_role, client
):
    # given: January read; February's page
    lease, (electricity, water) = metered
    round_read(lease.building, JAN, {electricity: "1000", water: "50"}, by=engineer, on=JAN_END)
    february = services.round_open(building=lease.building, month=FEB, by=engineer, today=FEB_END)
    client.force_login(staff_by_role[Role.ENGINEERING])
    url = reverse("handover:round-detail", args=[february.pk])
    # when
    response = client.post(url, _post_data(february, {electricity: "999", water: "61"}))
    # then
    html = response.content.decode()
    assert response.status_code == 400
    assert "lower than the previous one" in html and 'value="61"' in html and 'value="999"' in html
    page = client.get(url).content.decode()
    assert 'data-testid="missing-meters"' in page and electricity.number in page and "1000" in page


def test_the_database_freezes_a_closed_rounds_readings(metered, engineer):
    # given: a closed round
    lease, (electricity, water) = metered
    closed = round_read(lease.building, JAN, {electricity: "1000", water: "50"}, by=engineer, on=JAN_END)
    reading = MeterReading.objects.get(round=closed, meter=electricity)
    # when / then: a direct change of a reading, a reading added, the round reopened: all refused
    for sql, params in (
        ("UPDATE handover_meterreading SET reading = 1 WHERE id = %s", [reading.pk]),
        ("DELETE FROM handover_meterreading WHERE id = %s", [reading.pk]),
        ("UPDATE handover_meterround SET status = 'open', closed_at = NULL WHERE id = %s", [closed.pk]),
    ):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    gas = Meter.objects.create(unit=water.unit, kind=Meter.Kind.GAS, number="GAS-LATE")
    with pytest.raises(IntegrityError), transaction.atomic():
        MeterReading.objects.create(meter=gas, round=closed, reading=Decimal("60"), read_on=JAN_END)
    reading.refresh_from_db()
    assert reading.reading == Decimal("1000.00") and MeterReading.objects.filter(round=closed).count() == 2
