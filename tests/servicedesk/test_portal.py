"""The tenant's side: file with photos, follow the public timeline, comment, answer a quote, rate.
Another tenant's ticket is a 404 on every page; staff and anonymous users do not get in."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.models import Document
from servicedesk import services
from servicedesk.models import Ticket, TicketEvent

from .factories import TicketFactory, pdf, png

TICKET_PAGES = [
    ("portal:ticket-detail", "get"),
    ("portal:ticket-comment", "post"),
    ("portal:ticket-rate", "post"),
    ("portal:ticket-not-fixed", "post"),
    ("portal:ticket-quote-accept", "post"),
    ("portal:ticket-quote-decline", "post"),
]


def _call(client, name, method, ticket):
    return getattr(client, method)(
        reverse(name, args=[ticket.pk]), {"text": "x", "rating": "5", "comment": "x"}
    )


def test_a_tenant_lists_only_its_own_tickets(client, tenant_user, tenant, other_tenant):
    # given
    own = TicketFactory(tenant=tenant)
    others = TicketFactory(tenant=other_tenant)
    client.force_login(tenant_user)
    # when
    page = client.get(reverse("portal:tickets")).content.decode()
    # then
    assert own.reference in page and others.reference not in page


@pytest.mark.parametrize(("name", "method"), TICKET_PAGES)
def test_another_tenants_ticket_is_a_404_and_stays_untouched(client, tenant_user, other_tenant, name, method):
    # given
    ticket = TicketFactory(
        tenant=other_tenant,
        status=Ticket.Status.RESOLVED,
        resolved_at=timezone.now(),
        kind=Ticket.Kind.PAID_SERVICE,
        quote_status=Ticket.QuoteStatus.OFFERED,
        quote_amount=Decimal("10.00"),
    )
    client.force_login(tenant_user)
    # when
    response = _call(client, name, method, ticket)
    # then
    assert response.status_code == 404
    ticket.refresh_from_db()
    assert ticket.status == Ticket.Status.RESOLVED and ticket.quote_status == Ticket.QuoteStatus.OFFERED
    assert not ticket.events.exists()


@pytest.mark.parametrize(
    ("name", "method"), [*TICKET_PAGES, ("portal:tickets", "get"), ("portal:ticket-create", "get")]
)
def test_staff_get_a_404_and_anonymous_users_the_portal_login(client, front_desk, tenant, name, method):
    ticket = TicketFactory(tenant=tenant)
    url = (
        reverse(name, args=[ticket.pk])
        if "ticket-" in name and name != "portal:ticket-create"
        else reverse(name)
    )
    response = getattr(client, method)(url)
    assert response.status_code == 302 and response.url.startswith(reverse("portal:login"))
    client.force_login(front_desk)
    assert getattr(client, method)(url).status_code == 404


def test_a_tenant_files_a_repair_with_a_photo(client, tenant_user, tenant, category, leased_unit):
    # given
    client.force_login(tenant_user)
    data = {
        "kind": "repair",
        "urgency": "urgent",
        "category": category.pk,
        "unit": leased_unit.pk,
        "description": "茶水间漏水",
        "contact_name": "李先生",
        "contact_phone": "13800000000",
        "photos": [png()],
    }
    # when
    response = client.post(reverse("portal:ticket-create"), data)
    # then
    ticket = Ticket.objects.get()
    assert response.status_code == 302 and response.url == reverse("portal:ticket-detail", args=[ticket.pk])
    assert (ticket.tenant, ticket.channel, ticket.owner, ticket.status) == (tenant, "portal", None, "new")
    assert (
        ticket.urgency == "urgent" and ticket.events.filter(kind=TicketEvent.Kind.PHOTO, public=True).exists()
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [({"description": ""}, "description", "请描述问题或需求。"), ({"photos": [pdf()]}, "photos", "不是照片")],
)
def test_bad_input_in_the_portal_is_shown_at_the_field_and_nothing_is_saved(
    client, tenant_user, category, leased_unit, overrides, field, message
):
    client.force_login(tenant_user)
    data = {
        "kind": "repair",
        "urgency": "normal",
        "category": category.pk,
        "unit": leased_unit.pk,
        "description": "灯不亮",
    }
    response = client.post(reverse("portal:ticket-create"), {**data, **overrides})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Ticket.objects.exists()


def test_the_tenant_sees_only_public_events_and_photos(client, tenant_user, tenant, front_desk):
    # given
    ticket = TicketFactory(tenant=tenant, owner=front_desk)
    services.ticket_comment(
        ticket=ticket, by=front_desk, text="内部备注：租户难沟通", public=False, photos=[png()]
    )
    services.ticket_comment(ticket=ticket, by=front_desk, text="工程师下午到", public=True, photos=[png()])
    internal_photo, public_photo = (
        Document.objects.get(about_id=ticket.events.get(kind=TicketEvent.Kind.PHOTO, public=flag).pk)
        for flag in (False, True)
    )
    client.force_login(tenant_user)
    # when
    page = client.get(reverse("portal:ticket-detail", args=[ticket.pk])).content.decode()
    # then
    assert "工程师下午到" in page and "内部备注" not in page
    photo_url = "portal:ticket-photo"
    assert client.get(reverse(photo_url, args=[ticket.pk, public_photo.pk])).status_code == 200
    assert client.get(reverse(photo_url, args=[ticket.pk, internal_photo.pk])).status_code == 404


def test_a_tenant_comments_and_a_closed_ticket_refuses_at_the_field(client, tenant_user, tenant):
    ticket = TicketFactory(tenant=tenant)
    client.force_login(tenant_user)
    assert (
        client.post(reverse("portal:ticket-comment", args=[ticket.pk]), {"text": "还在漏"}).status_code == 302
    )
    assert ticket.events.get(kind=TicketEvent.Kind.COMMENT).public
    closed = TicketFactory(tenant=tenant, status=Ticket.Status.CLOSED, closed_at=timezone.now())
    response = client.post(reverse("portal:ticket-comment", args=[closed.pk]), {"text": "再补充"})
    assert response.status_code == 200
    assert "此工单已关闭" in " ".join(response.context["comment_form"].errors["text"])
    assert not closed.events.exists()


def test_a_tenant_rates_and_a_rating_outside_1_to_5_is_refused_at_the_field(client, tenant_user, tenant):
    # given
    ticket = TicketFactory(tenant=tenant, status=Ticket.Status.RESOLVED, resolved_at=timezone.now())
    client.force_login(tenant_user)
    # when
    refused = client.post(reverse("portal:ticket-rate", args=[ticket.pk]), {"rating": "9", "comment": "很好"})
    # then
    assert refused.status_code == 200
    assert "请在 1（很差）到 5（很好）之间评分" in refused.content.decode()
    assert "很好" in refused.content.decode()
    ticket.refresh_from_db()
    assert ticket.rating is None
    # when
    client.post(reverse("portal:ticket-rate", args=[ticket.pk]), {"rating": "5", "comment": "很好"})
    # then
    ticket.refresh_from_db()
    assert (ticket.rating, ticket.status) == (5, Ticket.Status.CLOSED)


def test_a_tenant_accepts_a_quote(client, tenant_user, tenant, front_desk):
    # given
    ticket = TicketFactory(tenant=tenant, owner=front_desk, kind=Ticket.Kind.PAID_SERVICE)
    services.ticket_acknowledge(ticket=ticket, by=front_desk, reply="我们会报价")
    services.ticket_quote_offer(
        ticket=ticket, by=front_desk, amount=Decimal("120"), text="地毯清洗 20 平方米"
    )
    client.force_login(tenant_user)
    assert "地毯清洗" in client.get(reverse("portal:ticket-detail", args=[ticket.pk])).content.decode()
    # when
    client.post(reverse("portal:ticket-quote-accept", args=[ticket.pk]))
    # then
    ticket.refresh_from_db()
    assert ticket.quote_status == Ticket.QuoteStatus.ACCEPTED
