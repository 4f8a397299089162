"""The management offices page: head-office management keeps offices, their buildings and staff; a manager
of one office may not (he would hand himself another office's buildings)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tenancy.models import ManagementOffice
from tenancy.offices import office_save
from tenancy.roles import Role
from tests.factories import OfficeFactory, UserFactory
from tests.leasing.factories import BuildingFactory

pytestmark = pytest.mark.django_db


def test_head_office_management_makes_an_office_with_a_building_and_staff(client):
    # given
    manager = UserFactory(roles=[Role.MANAGEMENT])
    building = BuildingFactory(office=OfficeFactory())
    clerk = UserFactory(roles=[Role.FRONT_DESK], offices=[])
    client.force_login(manager)
    # when
    form = {"name": "徐汇管理处", "code": "xh", "buildings": [building.pk], "members": [clerk.pk]}
    response = client.post(reverse("leasing:office-create"), form)
    # then: the building leaves its former office; the code is upper-case; the issuer defaults to the name
    assert response.status_code == 302
    office = ManagementOffice.objects.get(code="XH")
    assert list(office.buildings.all()) == [building]
    assert list(office.members.values_list("user", flat=True)) == [clerk.pk]
    assert office.issuer == "徐汇管理处"


def test_a_manager_of_one_office_may_not_keep_offices(client):
    # given
    office = OfficeFactory()
    manager = UserFactory(roles=[Role.MANAGEMENT], offices=[office])
    client.force_login(manager)
    # when / then
    for url in (reverse("leasing:office-list"), reverse("leasing:office-edit", kwargs={"pk": office.pk})):
        assert client.get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        office_save(office=office, name="改名", code=office.code, issuing_name="", by=manager)


def test_an_office_name_or_code_taken_is_refused_at_its_field(client):
    # given
    OfficeFactory(name="浦东管理处", code="PD")
    client.force_login(UserFactory(roles=[Role.MANAGEMENT]))
    # when
    response = client.post(reverse("leasing:office-create"), {"name": "浦东管理处", "code": "pd"})
    # then
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
