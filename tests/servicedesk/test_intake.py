"""Receiving tickets and adding to them: ownership, clocks, photos, and bad input that leaves nothing."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from documents.errors import DomainError
from documents.models import Document
from servicedesk import services
from servicedesk.models import Ticket, TicketEvent

from .factories import TicketFactory, big_png, jpeg, pdf, png


def _create(by, category, unit, **overrides):
    fields = {
        "by": by,
        "kind": Ticket.Kind.REPAIR,
        "channel": Ticket.Channel.PHONE,
        "category": category,
        "unit": unit,
        "description": "卫生间漏水",
        "tenant": None,
    }
    return services.ticket_create(**{**fields, **overrides})


def test_ticket_create_makes_the_receiver_the_owner_and_starts_the_clocks(front_desk, category, unit, tenant):
    # when
    ticket = _create(front_desk, category, unit, tenant=tenant, kind=Ticket.Kind.COMPLAINT)
    # then
    assert ticket.owner == front_desk and ticket.received_by == front_desk
    assert ticket.status == Ticket.Status.NEW and ticket.building == unit.building
    assert ticket.acknowledge_due_at == ticket.created_at + timedelta(hours=24)
    assert (
        ticket.first_answer_due_at is not None
    )  # a general complaint gets a first answer within a working day
    assert ticket.resolution_due_at > ticket.created_at
    created = ticket.events.get()
    assert (created.kind, created.public, created.by) == (TicketEvent.Kind.CREATED, True, front_desk)


def test_an_urgent_ticket_is_due_within_the_hour(front_desk, category, unit):
    # when
    ticket = _create(front_desk, category, unit, urgency=Ticket.Urgency.URGENT)
    # then
    assert ticket.acknowledge_due_at == ticket.created_at + timedelta(hours=1)
    assert ticket.first_answer_due_at == ticket.created_at + timedelta(hours=1)


def test_a_repair_has_no_first_answer_clock_but_a_resolution_target(front_desk, category, unit):
    ticket = _create(front_desk, category, unit)
    assert ticket.first_answer_due_at is None and ticket.resolution_due_at is not None


def test_photos_are_stored_as_documents_about_their_own_timeline_entries(front_desk, category, unit, tenant):
    # when
    ticket = _create(front_desk, category, unit, tenant=tenant, photos=[png(), jpeg()])
    # then
    photo_events = list(ticket.events.filter(kind=TicketEvent.Kind.PHOTO))
    assert len(photo_events) == 2 and all(e.public for e in photo_events)
    documents = Document.objects.filter(about_id__in=[e.pk for e in photo_events])
    assert sorted(d.content_type for d in documents) == ["image/jpeg", "image/png"]
    assert all(d.tenant == tenant for d in documents)


def test_an_internal_photo_belongs_to_no_tenant(front_desk, category, unit, tenant):
    # given
    ticket = _create(front_desk, category, unit, tenant=tenant)
    # when
    services.ticket_comment(ticket=ticket, by=front_desk, text="内部照片", public=False, photos=[png()])
    # then
    event = ticket.events.get(kind=TicketEvent.Kind.PHOTO)
    assert not event.public
    assert Document.objects.get(about_id=event.pk).tenant is None


@pytest.mark.parametrize("description", ["", "   \n "])
def test_ticket_create_refuses_an_empty_description(front_desk, category, unit, description):
    # when / then
    with pytest.raises(DomainError) as refused:
        _create(front_desk, category, unit, description=description)
    assert refused.value.field == "description"
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("photo", [pdf, lambda: big_png(6 * 1024 * 1024)], ids=["pdf-named-png", "too-big"])
def test_ticket_create_refuses_a_photo_that_is_not_an_image_or_too_big_and_keeps_nothing(
    front_desk, category, unit, photo
):
    # when / then
    with pytest.raises(DomainError) as refused:
        _create(front_desk, category, unit, photos=[png(), photo()])
    assert refused.value.field == "photos"
    assert not Ticket.objects.exists() and not TicketEvent.objects.exists() and not Document.objects.exists()


def test_a_unit_in_another_building_is_refused(front_desk, category, unit):
    other = TicketFactory().building
    with pytest.raises(DomainError) as refused:
        _create(front_desk, category, unit, building=other)
    assert refused.value.field == "unit"


def test_only_the_front_desk_and_management_receive_tickets(engineer, general_manager, category, unit):
    with pytest.raises(PermissionDenied):
        _create(engineer, category, unit)
    assert _create(general_manager, category, unit).owner == general_manager


def test_a_portal_ticket_has_no_owner_until_acknowledged(
    tenant_user, tenant, front_desk, category, leased_unit
):
    # given
    ticket = _create(tenant_user, category, leased_unit, tenant=tenant, channel=Ticket.Channel.PORTAL)
    assert ticket.owner is None and ticket.received_by is None
    # when
    services.ticket_acknowledge(ticket=ticket, by=front_desk, reply="明天上午9点工程师上门。")
    # then
    ticket.refresh_from_db()
    assert ticket.owner == front_desk and ticket.status == Ticket.Status.ACKNOWLEDGED
    assert ticket.acknowledged_at is not None
    assert tenant.notices.filter(subject__contains=ticket.reference).exists()


def test_a_portal_user_cannot_file_for_another_tenant(tenant_user, other_tenant, category, unit):
    with pytest.raises(DomainError):
        _create(tenant_user, category, unit, tenant=other_tenant, channel=Ticket.Channel.PORTAL)
    assert not Ticket.objects.exists()


def test_a_comment_on_a_closed_ticket_is_refused(front_desk):
    # given
    ticket = TicketFactory(owner=front_desk, status=Ticket.Status.CLOSED, closed_at=timezone.now())
    # when / then
    with pytest.raises(DomainError) as refused:
        services.ticket_comment(ticket=ticket, by=front_desk, text="还有问题", public=True)
    assert refused.value.field == "text"
    assert not ticket.events.exists()


def test_a_public_staff_comment_is_the_first_answer_and_an_internal_one_is_not(front_desk):
    # given
    ticket = TicketFactory(owner=front_desk, kind=Ticket.Kind.COMPLAINT)
    # when
    services.ticket_comment(ticket=ticket, by=front_desk, text="内部记录", public=False)
    ticket.refresh_from_db()
    unanswered = ticket.first_answer_at
    services.ticket_comment(ticket=ticket, by=front_desk, text="我们已联系保洁。", public=True)
    ticket.refresh_from_db()
    # then
    assert unanswered is None and ticket.first_answer_at is not None


def test_what_a_tenant_writes_is_always_public(tenant_user, tenant):
    # given
    ticket = TicketFactory(tenant=tenant)
    # when
    event = services.ticket_comment(ticket=ticket, by=tenant_user, text="还在漏水", public=False)
    # then
    assert event.public


def test_a_tenant_cannot_comment_on_another_tenants_ticket(tenant_user, other_tenant):
    ticket = TicketFactory(tenant=other_tenant)
    with pytest.raises(PermissionDenied):
        services.ticket_comment(ticket=ticket, by=tenant_user, text="hello")
    assert not ticket.events.exists()


def test_no_mail_goes_out_for_a_ticket_without_a_tenant(
    front_desk, category, unit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ticket = _create(front_desk, category, unit)
        services.ticket_acknowledge(ticket=ticket, by=front_desk, reply="收到")
    assert mail.outbox == []
