"""Each office's letterhead: a form about a building's record (a bill, a lease, a dunning letter) is headed
with the issuing name of the office running the building; a building of no office, or a record of no one
building, keeps the company-wide name."""

import pytest
from django.test import override_settings

from billing.services.documents import bill_render
from documents.rendering import issuer_for
from leasing.issuers import building_of
from leasing.models import Building
from tests.billing.factories import ISSUED_AHEAD, active_lease, issued_bill
from tests.factories import OfficeFactory, TenantFactory
from tests.language import pdf_text
from tests.leasing.lease_factories import document_root_fixture  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@override_settings(BUILDING_MANAGEMENT_NAME="上海浦江物业管理有限公司")
def test_the_office_issuing_name_heads_the_building_forms(document_root):
    # given: building A's office issues under its own name; building B belongs to no office
    here, there = active_lease(), active_lease()
    office = OfficeFactory(name="浦东管理处", issuing_name="上海浦江物业浦东第一管理处")
    Building.objects.filter(pk=here.building_id).update(office=office)
    Building.objects.filter(pk=there.building_id).update(office=None)
    here.refresh_from_db()
    there.refresh_from_db()
    # when
    ours, theirs = issued_bill(here, today=ISSUED_AHEAD), issued_bill(there, today=ISSUED_AHEAD)
    # then
    assert "上海浦江物业浦东第一管理处" in pdf_text(bill_render(bill=ours))
    assert "上海浦江物业管理有限公司" in pdf_text(bill_render(bill=theirs))
    assert "浦东第一管理处" not in pdf_text(bill_render(bill=theirs))


@override_settings(BUILDING_MANAGEMENT_NAME="上海浦江物业管理有限公司")
def test_the_issuer_is_found_through_the_record_building():
    lease = active_lease()
    office = OfficeFactory(name="静安管理处", issuing_name="")
    Building.objects.filter(pk=lease.building_id).update(office=office)
    lease.refresh_from_db()
    unit = lease.units.get()
    assert building_of(lease) == building_of(unit) == lease.building
    assert issuer_for(lease) == issuer_for(unit) == "静安管理处"  # no issuing name: the office's name
    assert issuer_for(TenantFactory()) == issuer_for(None) == "上海浦江物业管理有限公司"
