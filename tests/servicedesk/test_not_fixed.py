"""A tenant who finds a repair not fixed reopens it from the portal, with a comment, within the follow-up
window: the ticket goes back in progress to its owner, and its resolution clock restarts."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from documents.errors import DomainError
from documents.models import Notice
from servicedesk import services
from servicedesk.models import Ticket, TicketEvent

from .factories import TicketFactory


@pytest.fixture
def resolved(front_desk, engineer, tenant):
    front_desk.email = "desk@example.com"
    front_desk.save(update_fields=["email"])
    return TicketFactory(
        owner=front_desk,
        assignee=engineer,
        department="engineering",
        tenant=tenant,
        status=Ticket.Status.RESOLVED,
        acknowledged_at=timezone.now() - timedelta(days=3),
        resolved_at=timezone.now() - timedelta(days=1),
        resolution_due_at=timezone.now() - timedelta(days=2),
        resolution="已更换滤网",
        cause=Ticket.Cause.WEAR,
    )


def test_ticket_not_fixed_puts_the_ticket_back_in_progress_with_a_fresh_clock(
    resolved, tenant_user, front_desk, engineer, django_capture_on_commit_callbacks
):
    # given
    before = timezone.now()
    # when
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_not_fixed(ticket=resolved, by=tenant_user, comment="空调还是不制冷")
    # then
    resolved.refresh_from_db()
    assert resolved.status == Ticket.Status.IN_PROGRESS
    assert resolved.resolved_at is None and resolved.reopened_count == 1
    assert resolved.resolution_due_at > before and resolved.next_due_at == resolved.resolution_due_at
    assert (resolved.owner, resolved.assignee) == (front_desk, engineer)
    event = resolved.events.get(kind=TicketEvent.Kind.REOPENED)
    assert (event.status_from, event.status_to) == (Ticket.Status.RESOLVED, Ticket.Status.IN_PROGRESS)
    assert event.public and event.text == "空调还是不制冷" and event.by == tenant_user
    assert [m.to for m in mail.outbox] == [["desk@example.com"]]


def test_ticket_not_fixed_needs_a_comment(resolved, tenant_user):
    # when / then
    with pytest.raises(DomainError) as refused:
        services.ticket_not_fixed(ticket=resolved, by=tenant_user, comment="  ")
    assert refused.value.field == "comment"
    resolved.refresh_from_db()
    assert resolved.status == Ticket.Status.RESOLVED and not resolved.events.exists()


def test_ticket_not_fixed_is_refused_after_the_follow_up_window(resolved, tenant_user, settings):
    # given
    resolved.resolved_at = timezone.now() - timedelta(days=settings.SERVICE_FOLLOW_UP_DAYS, minutes=1)
    resolved.save()
    # when / then
    with pytest.raises(DomainError) as refused:
        services.ticket_not_fixed(ticket=resolved, by=tenant_user, comment="还是坏的")
    assert refused.value.field == "comment"
    resolved.refresh_from_db()
    assert resolved.status == Ticket.Status.RESOLVED


@pytest.mark.parametrize("status", [Ticket.Status.IN_PROGRESS, Ticket.Status.CLOSED])
def test_ticket_not_fixed_is_only_for_a_resolved_ticket(resolved, tenant_user, status):
    # given
    Ticket.objects.filter(pk=resolved.pk).update(status=status)
    # when / then
    with pytest.raises(DomainError):
        services.ticket_not_fixed(ticket=resolved, by=tenant_user, comment="还是坏的")
    assert not resolved.events.exists()


def test_ticket_not_fixed_is_the_tenants_word_not_staffs_or_another_tenants(
    resolved, front_desk, other_tenant_user
):
    # when / then
    for user in (front_desk, other_tenant_user):
        with pytest.raises(DomainError):
            services.ticket_not_fixed(ticket=resolved, by=user, comment="还是坏的")
    resolved.refresh_from_db()
    assert resolved.status == Ticket.Status.RESOLVED


def test_the_portal_page_offers_not_fixed_beside_the_rating_and_reopens(client, resolved, tenant_user):
    # given
    client.force_login(tenant_user)
    url = reverse("portal:ticket-detail", args=[resolved.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="portal-rating-form"' in page and 'data-testid="portal-not-fixed-form"' in page
    # when
    response = client.post(reverse("portal:ticket-not-fixed", args=[resolved.pk]), {"comment": "还在漏水"})
    # then
    assert response.status_code == 302 and response["Location"] == url
    resolved.refresh_from_db()
    assert resolved.status == Ticket.Status.IN_PROGRESS
    page = client.get(url).content.decode()
    assert "还在漏水" in page and 'data-testid="portal-not-fixed-form"' not in page


def test_the_portal_shows_a_missing_comment_at_the_field(client, resolved, tenant_user):
    # given
    client.force_login(tenant_user)
    # when
    response = client.post(reverse("portal:ticket-not-fixed", args=[resolved.pk]), {"comment": ""})
    # then
    assert response.status_code == 200
    assert response.context["not_fixed_form"].errors["comment"]
    resolved.refresh_from_db()
    assert resolved.status == Ticket.Status.RESOLVED


def test_the_owner_sees_the_reopen_on_the_staff_timeline(client, resolved, tenant_user, front_desk):
    # given
    services.ticket_not_fixed(ticket=resolved, by=tenant_user, comment="门锁还是打不开")
    client.force_login(front_desk)
    # when
    page = client.get(reverse("servicedesk:ticket-detail", args=[resolved.pk])).content.decode()
    # then
    assert "门锁还是打不开" in page and 'data-kind="reopened"' in page


def test_the_not_fixed_form_is_not_offered_after_the_window(client, resolved, tenant_user, settings):
    # given
    resolved.resolved_at = timezone.now() - timedelta(days=settings.SERVICE_FOLLOW_UP_DAYS + 1)
    resolved.save()
    client.force_login(tenant_user)
    # when
    page = client.get(reverse("portal:ticket-detail", args=[resolved.pk])).content.decode()
    # then
    assert 'data-testid="portal-not-fixed-form"' not in page


def test_the_resolved_notice_tells_the_tenant_it_can_say_not_fixed(tenant, front_desk, settings):
    # given
    ticket = TicketFactory(
        tenant=tenant, owner=front_desk, status=Ticket.Status.ACKNOWLEDGED, acknowledged_at=timezone.now()
    )
    # when
    services.ticket_resolve(ticket=ticket, by=front_desk, resolution="已更换灯管", cause=Ticket.Cause.WEAR)
    # then
    notice = Notice.objects.get(tenant=tenant)
    assert f"请在 {settings.SERVICE_FOLLOW_UP_DAYS} 天内在门户中告诉我们" in notice.body
