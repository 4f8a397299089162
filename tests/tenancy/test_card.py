"""The tenant information card (客户资料卡): a numbered PDF document, ID numbers masked as on screen."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from documents.models import Document
from tenancy.document_kinds import TENANT_CARD
from tenancy.roles import Role
from tests.factories import ContactFactory, PersonTenantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def document_root(settings, tmp_path):
    settings.DOCUMENT_ROOT = tmp_path / "documents"


@pytest.fixture
def person():
    tenant = PersonTenantFactory(name="欧阳明月", phone="021-66668888", address="上海市黄浦区南京东路100号")
    ContactFactory(tenant=tenant, name="欧阳助理", mobile="13912340000", is_primary=True)
    return tenant


def print_card(client, user, tenant) -> tuple[Document, str]:
    client.force_login(user)
    response = client.post(reverse("tenancy:tenant-card", args=[tenant.pk]))
    document = Document.objects.get(tenant=tenant, kind=TENANT_CARD)
    assert response.status_code == 302 and response.url == reverse("documents:download", args=[document.pk])
    pdf = b"".join(client.get(response.url).streaming_content)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return document, text


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT])
def test_tenant_card_is_printed_by_the_roles_that_keep_the_file(client, staff_by_role, person, role):
    # when
    document, text = print_card(client, staff_by_role[role], person)
    # then
    assert document.number.startswith("TC-") and document.about == person
    assert "欧阳明月" in text and "客户资料卡" in text and "欧阳助理" in text and "13912340000" in text


def test_tenant_card_masks_the_id_number_for_the_front_desk(client, front_desk, person):
    # when
    document, text = print_card(client, front_desk, person)
    # then
    masked = person.id_number[:4] + "*" * 10 + person.id_number[-4:]
    assert masked in text and person.id_number not in text
    assert not document.confidential


def test_tenant_card_shows_the_id_number_to_management_and_is_then_confidential(
    client, general_manager, person
):
    # when
    document, text = print_card(client, general_manager, person)
    # then
    assert person.id_number in text
    assert document.confidential


def test_tenant_card_refuses_get(client, front_desk, person):
    client.force_login(front_desk)
    assert client.get(reverse("tenancy:tenant-card", args=[person.pk])).status_code == 405
    assert not Document.objects.exists()
