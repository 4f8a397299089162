"""The tenant's handover page: its own visits, signed sheets and rectification items; confirming a fix."""

import pytest
from django.urls import reverse

from documents.models import Document
from handover.models import RectificationItem, Sheet
from handover.services import rectification_fix

from .factories import fill_acceptance, fill_keys, sign, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixed_item(visit, engineer):
    by = staff()
    fill_acceptance(visit, by)
    sign(visit, Sheet.Kind.ACCEPTANCE, by)
    item = RectificationItem.objects.get(visit=visit)
    return rectification_fix(item=item, note="更换门锁", by=engineer)


def test_the_tenant_sees_its_visits_sheets_and_items(client, tenant_user, visit, fixed_item):
    # given
    by = staff()
    fill_keys(visit, by)
    keys = sign(visit, Sheet.Kind.KEYS, by)
    client.force_login(tenant_user)
    # when
    response = client.get(reverse("portal:handover-visits"))
    # then
    assert response.status_code == 200
    content = response.content.decode()
    sheet_pdf = reverse(
        "portal:document-download", args=[Document.objects.get(pk=keys.document_id).download_token]
    )
    assert sheet_pdf in content
    assert "门锁松动" in content
    assert reverse("portal:handover-confirm", args=[fixed_item.pk]) in content
    # and the PDF downloads
    assert client.get(sheet_pdf).status_code == 200


def test_another_tenant_sees_nothing_of_it(client, other_tenant_user, visit, fixed_item):
    client.force_login(other_tenant_user)
    response = client.get(reverse("portal:handover-visits"))
    assert "门锁松动" not in response.content.decode()
    assert client.post(reverse("portal:handover-confirm", args=[fixed_item.pk])).status_code == 404
    fixed_item.refresh_from_db()
    assert fixed_item.status == "fixed"


def test_the_tenant_confirms_a_fixed_item(client, tenant_user, fixed_item):
    client.force_login(tenant_user)
    response = client.post(reverse("portal:handover-confirm", args=[fixed_item.pk]))
    assert response.status_code == 302
    fixed_item.refresh_from_db()
    assert fixed_item.status == "confirmed" and fixed_item.confirmed_by == tenant_user


def test_staff_and_anonymous_users_do_not_get_the_portal_page(client, front_desk):
    assert client.get(reverse("portal:handover-visits")).status_code == 302
    client.force_login(front_desk)
    assert client.get(reverse("portal:handover-visits")).status_code == 404
