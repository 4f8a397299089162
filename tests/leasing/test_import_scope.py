"""Day-one imports by office staff: only into their own office's buildings; head office adds new ones."""

import pytest
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
