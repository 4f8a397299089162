"""The lease list's "approved applications awaiting a lease" panel: every one of the user's buildings, none of
another office's."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tenancy.models import Application
from tests.scope_world import two_offices
from tests.tenancy.intake.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def _approved(building, name: str) -> Application:
    return ApplicationFactory(
        applicant_name=name,
        building=building.name,
        status=Application.Status.APPROVED,
        decided_at=timezone.now(),
        signing_deadline=timezone.localdate() + timedelta(days=30),
    )


def test_an_office_sees_every_approved_application_of_its_buildings_and_none_of_another(client):
    # given: twelve approved applications for office A's building, one for office B's
    world = two_offices()
    ours = [_approved(world.here.building, f"本处申请{n:02d}") for n in range(12)]
    theirs = _approved(world.there.building, "他处申请公司")
    client.force_login(world.staff_a("business"))
    # when
    page = client.get(reverse("leasing:lease-list")).content.decode()
    # then: all twelve (no cut at ten), and not the other office's application
    assert all(application.number in page for application in ours)
    assert theirs.number not in page
