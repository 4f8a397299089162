"""Every staff page of the service desk: the roles allowed get it, every other role 403, portal users the
staff-only page, anonymous users the login page. Departments see only the tickets assigned to them."""

import pytest
from django.urls import reverse

from servicedesk import services
from servicedesk.permissions import ANALYSTS, RECEIVERS, TICKET_READERS
from tenancy.roles import Role

from .factories import TicketFactory, png

# Roles that see a ticket assigned to engineering: the receivers, and engineering itself.
SEES_ENGINEERING_TICKET = (Role.FRONT_DESK, Role.MANAGEMENT, Role.ENGINEERING)

# (url name, needs the ticket, roles allowed)
GET_PAGES = [
    ("servicedesk:ticket-list", False, TICKET_READERS),
    ("servicedesk:ticket-create", False, RECEIVERS),
    ("servicedesk:assignee-options", False, RECEIVERS),
    ("servicedesk:ticket-detail", True, SEES_ENGINEERING_TICKET),
    ("servicedesk:analysis", False, ANALYSTS),
    ("servicedesk:analysis-csv", False, ANALYSTS),
]
POST_ACTIONS = [
    ("servicedesk:ticket-acknowledge", RECEIVERS),
    ("servicedesk:ticket-handover-offer", RECEIVERS),
    ("servicedesk:ticket-handover-accept", RECEIVERS),
    ("servicedesk:ticket-handover-decline", RECEIVERS),
    ("servicedesk:ticket-assign", RECEIVERS),
    ("servicedesk:ticket-close", RECEIVERS),
    ("servicedesk:ticket-reopen", RECEIVERS),
    ("servicedesk:ticket-follow-up", RECEIVERS),
    ("servicedesk:ticket-take", SEES_ENGINEERING_TICKET),
    ("servicedesk:ticket-start", SEES_ENGINEERING_TICKET),
    ("servicedesk:ticket-comment", SEES_ENGINEERING_TICKET),
    ("servicedesk:ticket-resolve", SEES_ENGINEERING_TICKET),
    ("servicedesk:ticket-quote", SEES_ENGINEERING_TICKET),
]


@pytest.fixture
def ticket(db):
    return TicketFactory(department=Role.ENGINEERING)


def _url(name: str, ticket, needs_ticket: bool = True) -> str:
    return reverse(name, kwargs={"pk": ticket.pk}) if needs_ticket else reverse(name)


def test_the_roles_are_the_ones_the_issue_names():
    assert set(RECEIVERS) == {Role.FRONT_DESK, Role.MANAGEMENT}
    assert set(ANALYSTS) == {Role.MANAGEMENT}
    assert set(TICKET_READERS) == set(Role.values)


@pytest.mark.parametrize(
    ("name", "needs_ticket", "role", "allowed"),
    [(name, needs, role, role in allowed) for name, needs, allowed in GET_PAGES for role in Role.values],
)
def test_each_role_gets_exactly_the_pages_it_may_use(
    client, staff_by_role, ticket, name, needs_ticket, role, allowed
):
    # given
    client.force_login(staff_by_role[role])
    # when
    response = client.get(_url(name, ticket, needs_ticket))
    # then
    assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize(
    ("name", "role", "allowed"),
    [(name, role, role in allowed) for name, allowed in POST_ACTIONS for role in Role.values],
)
def test_each_role_may_press_exactly_the_buttons_it_may_use(
    client, staff_by_role, ticket, name, role, allowed
):
    # given
    client.force_login(staff_by_role[role])
    # when
    response = client.post(_url(name, ticket), {})
    # then: allowed roles get the ticket page back (a form error or a refusal message), the others 403
    assert response.status_code in ((200, 302) if allowed else (403,))


def test_a_ticket_photo_is_shown_to_those_who_see_the_ticket(client, staff_by_role, front_desk):
    # given
    ticket = TicketFactory(department=Role.ENGINEERING, owner=front_desk)
    services.ticket_comment(ticket=ticket, by=front_desk, text="现场", public=False, photos=[png()])
    document_pk = ticket.events.get(kind="photo").pk
    from documents.models import Document

    url = reverse(
        "servicedesk:ticket-photo",
        kwargs={"pk": ticket.pk, "document_pk": Document.objects.get(about_id=document_pk).pk},
    )
    for role, user in staff_by_role.items():
        client.force_login(user)
        # when
        response = client.get(url)
        # then
        assert response.status_code == (200 if role in SEES_ENGINEERING_TICKET else 403), role
        if response.status_code == 200:
            assert response["Content-Type"] == "image/png"
            assert b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize(("name", "needs_ticket"), [(name, needs) for name, needs, _allowed in GET_PAGES])
def test_a_portal_user_gets_the_staff_only_page(client, tenant_user, ticket, name, needs_ticket):
    client.force_login(tenant_user)
    response = client.get(_url(name, ticket, needs_ticket))
    assert response.status_code == 403
    assert [t.name for t in response.templates][0] == "403_staff_only.html"


@pytest.mark.parametrize("name", [name for name, _allowed in POST_ACTIONS])
def test_a_portal_user_cannot_press_staff_buttons(client, tenant_user, ticket, name):
    client.force_login(tenant_user)
    assert client.post(_url(name, ticket), {}).status_code == 403
    assert not ticket.events.exists()


@pytest.mark.parametrize(
    ("name", "needs_ticket"),
    [(name, needs) for name, needs, _allowed in GET_PAGES]
    + [(name, True) for name, _allowed in POST_ACTIONS],
)
def test_anonymous_users_are_sent_to_the_login_page(client, ticket, name, needs_ticket):
    response = (
        client.post(_url(name, ticket, needs_ticket)) if needs_ticket and "detail" not in name else None
    )
    response = response or client.get(_url(name, ticket, needs_ticket))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_department_lists_only_its_tickets(client, engineer, security_guard):
    # given
    mine = TicketFactory(department=Role.ENGINEERING)
    theirs = TicketFactory(department=Role.SECURITY)
    unassigned = TicketFactory()
    # when
    client.force_login(engineer)
    page = client.get(reverse("servicedesk:ticket-list")).content.decode()
    # then
    assert mine.reference in page
    assert theirs.reference not in page and unassigned.reference not in page
