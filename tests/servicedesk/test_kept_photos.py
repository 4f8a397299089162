"""A ticket form that comes back with an error keeps the photos chosen; the corrected post files them."""

import re

import pytest
from django.urls import reverse

from documents.models import Document
from servicedesk.models import Ticket, TicketEvent

from .factories import jpeg, png

pytestmark = pytest.mark.django_db


def _tokens(content: str) -> list[str]:
    return re.findall(r'name="photos__kept" value="([^"]+)"', content)


def _filed_photo_names(ticket: Ticket) -> list[str]:
    events = ticket.events.filter(kind=TicketEvent.Kind.PHOTO).values_list("pk", flat=True)
    return sorted(
        Document.objects.filter(about_id__in=list(events)).values_list("original_filename", flat=True)
    )


def _fields(category, **overrides):
    return {
        "kind": Ticket.Kind.REPAIR,
        "urgency": Ticket.Urgency.NORMAL,
        "category": category.pk,
        **overrides,
    }


def test_the_desk_form_keeps_both_photos_after_a_missing_description(client, front_desk, category, unit):
    # given: two photos, no description
    client.force_login(front_desk)
    url = reverse("servicedesk:ticket-create")
    data = _fields(category, unit=unit.pk, channel=Ticket.Channel.PHONE)
    response = client.post(url, {**data, "description": "", "photos": [png("a.png"), jpeg("b.jpg")]})
    assert response.status_code == 200
    assert Ticket.objects.count() == 0
    tokens = _tokens(response.content.decode())
    assert len(tokens) == 2
    assert "a.png" in response.content.decode() and "b.jpg" in response.content.decode()
    # when: the description is given, the photos not chosen again
    response = client.post(url, {**data, "description": "卫生间漏水", "photos__kept": tokens})
    # then
    assert response.status_code == 302
    assert _filed_photo_names(Ticket.objects.get()) == ["a.png", "b.jpg"]


def test_the_portal_form_keeps_the_photo_for_its_tenant_only(
    client, tenant_user, other_tenant_user, category, unit
):
    # given: a portal post without a description
    client.force_login(tenant_user)
    url = reverse("portal:ticket-create")
    data = _fields(category, building=unit.building_id, location="大堂")
    response = client.post(url, {**data, "description": "", "photos": [png("lobby.png")]})
    assert response.status_code == 200
    [token] = _tokens(response.content.decode())
    # when: another tenant's user replays the token
    client.force_login(other_tenant_user)
    client.post(url, {**data, "description": "灯不亮", "photos__kept": [token]})
    # then: its ticket has no photo
    assert _filed_photo_names(Ticket.objects.get()) == []
    # when: the tenant posts the corrected form
    client.force_login(tenant_user)
    response = client.post(url, {**data, "description": "大堂灯不亮", "photos__kept": [token]})
    # then
    assert response.status_code == 302
    assert _filed_photo_names(Ticket.objects.get(description="大堂灯不亮")) == ["lobby.png"]
