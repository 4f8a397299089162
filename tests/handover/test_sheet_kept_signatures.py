"""A sheet posted with a line in error comes back with both drawn signatures, whichever button was pressed."""

import pytest
from django.urls import reverse

from handover.models import Sheet
from tests.factories import UserFactory

from .factories import data_url, sheet_of
from .test_views_flow import _keys_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(roles=["front_desk"]))
    return client


@pytest.mark.parametrize("action", ["save", "sign"])
def test_a_line_in_error_keeps_both_drawn_signatures(staff_client, visit, action):
    # given: both sides have drawn, but a line's quantity is not a number
    drawn = data_url()
    post = _keys_post(
        **{"keys-0-quantity": "three"},
        action=action,
        staff_name="王小明",
        staff_signature=drawn,
        tenant_name="李华",
        tenant_signature=drawn,
    )
    # when
    response = staff_client.post(reverse("handover:sheet", kwargs={"pk": visit.pk, "kind": "keys"}), post)
    # then: the page comes back with the error and both pictures in the fields the canvases redraw from
    assert response.status_code == 200
    content = response.content.decode()
    assert f'name="staff_signature" value="{drawn}"' in content
    assert f'name="tenant_signature" value="{drawn}"' in content
    assert 'value="李华"' in content
    assert sheet_of(visit, Sheet.Kind.KEYS).status == Sheet.Status.DRAFT
