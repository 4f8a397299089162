"""Engineering's pre-inspection tasks on the visit list: every one (no cap at 50), sorted and exported;
the visit list itself exports as filtered."""

import csv
import io

import pytest
from django.urls import reverse

from handover.models import PreInspection

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_engineering_exports_its_pre_inspection_tasks(client, engineer, visit, settings):
    client.force_login(engineer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    tasks = PreInspection.objects.filter(department="engineering", done_at__isnull=True)
    assert tasks.exists()
    rows = _csv(client.get(reverse("handover:visit-list"), {"tasks-export": "csv"}))
    assert rows[0] == ["Unit", "Tenant", "Department", "Due"]
    assert [row[0] for row in rows[1:]] == [task.visit.unit.code for task in tasks]
    assert rows[1][3] == tasks.first().due_date.isoformat()


def test_the_visit_list_exports_as_filtered(client, front_desk, visit, settings):
    client.force_login(front_desk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("handover:visit-list")
    rows = _csv(client.get(url, {"export": "csv"}))
    assert [row[0] for row in rows[1:]] == [visit.unit.code]
    none = _csv(client.get(url, {"status": "completed", "export": "csv"}))
    assert none[1:] == []
