"""Fit-outs seen from a management office: its staff list and open their buildings' fit-outs only (another
building's is a 404), and a pass of another building's worker is unknown at their gate."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from documents.models import Document
from fitout import services
from fitout.models import Application
from tests.scope_world import TwoOffices, two_offices

from .factories import application_input, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db) -> TwoOffices:
    return two_offices()


def _applied(world: TwoOffices) -> tuple[Application, Application]:
    clerk = staff("front_desk")
    return tuple(  # type: ignore[return-value]
        services.application_submit(data=application_input(lease), tenant=world.tenant, by=clerk)
        for lease in (world.here, world.there)
    )


def test_an_office_lists_and_opens_only_its_buildings_fit_outs(client, world):
    # given
    ours, theirs = _applied(world)
    client.force_login(world.staff_a("engineering"))
    # when
    page = client.get(reverse("fitout:application-list")).content.decode()
    # then
    assert ours.number in page and theirs.number not in page
    assert client.get(reverse("fitout:application-detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("fitout:application-detail", args=[ours.pk])).status_code == 200


def test_an_office_applies_only_on_its_buildings_leases(client, world):
    client.force_login(world.staff_a("front_desk"))
    form = client.get(reverse("fitout:application-create")).context["form"]
    assert list(form.fields["lease"].queryset.values_list("pk", flat=True)) == [world.here.pk]


def test_head_office_sees_every_fit_out(client, world):
    ours, theirs = _applied(world)
    client.force_login(staff("management"))
    page = client.get(reverse("fitout:application-list")).content.decode()
    assert ours.number in page and theirs.number in page


def test_an_office_downloads_only_its_buildings_fit_out_drawings(client, world):
    # given: each fit-out filed its drawings
    ours, theirs = _applied(world)
    kind = ContentType.objects.get_for_model(Application)
    drawing = {
        app.pk: Document.objects.filter(about_type=kind, about_id=app.pk).first() for app in (ours, theirs)
    }
    client.force_login(world.staff_a("engineering"))
    # when / then
    assert client.get(reverse("documents:download", args=[drawing[theirs.pk].pk])).status_code == 404
    assert client.get(reverse("documents:download", args=[drawing[ours.pk].pk])).status_code == 200
