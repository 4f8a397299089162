"""Meter readings into an open round through the API, as engineering's entry page records them."""

from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from documents.models import Scope
from handover.models import Meter, MeterReading, MeterRound

from .conftest import client_with


def test_readings_enter_an_open_round_and_never_a_closed_one(world, make_key, engineer):
    one, two = world
    unit = one.lease.units.first()
    meter = Meter.objects.create(unit=unit, kind=Meter.Kind.choices[0][0], number="E-1")
    meter_round = MeterRound.objects.create(building=one.building, month=date(2026, 3, 1), opened_by=engineer)
    client = client_with(make_key(Scope.METERS_WRITE, buildings=(one.building.pk,)))
    url = reverse("api:meter-round-readings", args=[meter_round.pk])
    response = client.post(url, {"readings": [{"meter": meter.pk, "reading": "120.50"}]}, format="json")
    assert response.status_code == 200, response.content
    assert MeterReading.objects.get(round=meter_round, meter=meter).reading == Decimal("120.50")
    listed = client.get(reverse("api:meter-round-list")).json()["results"]
    assert [r["id"] for r in listed] == [meter_round.pk]
    other = MeterRound.objects.create(building=two.building, month=date(2026, 3, 1), opened_by=engineer)
    assert (
        client.post(
            reverse("api:meter-round-readings", args=[other.pk]), {"readings": []}, format="json"
        ).status_code
        == 404
    )
    MeterRound.objects.filter(pk=meter_round.pk).update(
        status=MeterRound.Status.CLOSED, closed_at=timezone.now(), closed_by=engineer
    )
    response = client.post(url, {"readings": [{"meter": meter.pk, "reading": "130"}]}, format="json")
    assert response.status_code == 404
    assert MeterReading.objects.get(round=meter_round, meter=meter).reading == Decimal("120.50")
