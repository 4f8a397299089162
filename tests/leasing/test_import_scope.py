"""Day-one imports by office staff: only into their own office's buildings; head office adds new ones."""

import pytest
from django.urls import reverse
from django.utils import translation

from documents.imports.engine import import_preview
from tenancy.roles import Role
from tests.factories import OfficeFactory, UserFactory
from tests.leasing.factories import BuildingFactory

pytestmark = pytest.mark.django_db

HEADER = "building_code,building_name,floor,unit_code,gross_area,usable_area"


def _csv(*lines: str) -> bytes:
    return ("\r\n".join([HEADER, *lines]) + "\r\n").encode("utf-8")


def _errors(result) -> list[str]:
    return [error["message"] for error in result.batch.errors]


def test_office_staff_import_units_into_their_own_buildings_only():
    # given
    mine, theirs = OfficeFactory(), OfficeFactory()
    BuildingFactory(code="A", office=mine)
    BuildingFactory(code="B", office=theirs)
    clerk = UserFactory(roles=[Role.BUSINESS], offices=[mine])
    data = _csv("A,,3,A-301,100,90", "B,,3,B-301,100,90", "N,新楼,1,N-101,100,90")
    # when
    with translation.override("en"):
        result = import_preview(kind="units", file=data, by=clerk)
    # then: the row of its building passes; another office's building and a new one are refused
    assert _errors(result) == [
        "building B is not one of your office's",
        "building N is not one of your office's",
    ]


def test_head_office_imports_into_any_building_and_adds_new_ones():
    # given
    BuildingFactory(code="B", office=OfficeFactory())
    head = UserFactory(roles=[Role.BUSINESS])
    # when
    result = import_preview(kind="units", file=_csv("B,,3,B-301,100,90", "N,新楼,1,N-101,100,90"), by=head)
    # then
    assert result.ok


def test_an_import_is_seen_by_the_staff_of_the_offices_of_whoever_ran_it(client):
    # given
    mine, theirs = OfficeFactory(), OfficeFactory()
    BuildingFactory(code="A", office=mine)
    BuildingFactory(code="B", office=theirs)
    me = UserFactory(roles=[Role.BUSINESS], offices=[mine])
    colleague = UserFactory(roles=[Role.BUSINESS], offices=[mine])
    stranger = UserFactory(roles=[Role.BUSINESS], offices=[theirs])
    ours = import_preview(kind="units", file=_csv("A,,3,A-301,100,90"), by=colleague).batch
    other = import_preview(kind="units", file=_csv("B,,3,B-301,100,90"), by=stranger).batch
    client.force_login(me)
    # when / then
    ours_url = reverse("documents:import-detail", kwargs={"pk": ours.pk})
    other_url = reverse("documents:import-detail", kwargs={"pk": other.pk})
    assert client.get(ours_url).status_code == 200
    assert client.get(other_url).status_code == 404
    listed = client.get(reverse("documents:import-list")).content.decode()
    assert ours_url in listed and other_url not in listed
