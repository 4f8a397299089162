"""The ticket's person picker lists only the chosen department's people, each with the department, and
follows the department chosen; the service refuses anyone outside the department at the field."""

import pytest
from django.urls import reverse

from documents.errors import DomainError
from servicedesk import services
from servicedesk.forms import AssignForm
from servicedesk.models import Ticket
from tenancy.roles import Role
from tests.factories import UserFactory

from .factories import TicketFactory


@pytest.fixture
def people(engineer, security_guard, front_desk):
    return {"engineer": engineer, "guard": security_guard, "desk": front_desk}


def _labels(form: AssignForm) -> list[str]:
    return [str(label) for value, label in form.fields["assignee"].choices if value != ""]


def test_the_picker_lists_only_the_departments_people_with_the_department(people):
    # given
    form = AssignForm(initial={"department": Role.ENGINEERING})
    # when
    labels = _labels(form)
    # then
    assert labels == ["engineer · 工程部"]


def test_the_picker_follows_the_posted_department(people):
    # given / when
    form = AssignForm(data={"department": Role.SECURITY, "assignee": people["engineer"].pk})
    # then
    assert _labels(form) == ["security · 保安部"]
    assert not form.is_valid() and "assignee" in form.errors


def test_the_department_select_fetches_the_people_of_the_new_department(people):
    # given
    form = AssignForm(initial={"department": Role.ENGINEERING})
    # when
    html = str(form["department"])
    # then
    assert (
        f'hx-get="{reverse("servicedesk:assignee-options")}"' in html and 'hx-target="#id_assignee"' in html
    )


def test_assignee_options_lists_the_chosen_departments_people(client, people):
    # given
    client.force_login(people["desk"])
    # when
    response = client.get(reverse("servicedesk:assignee-options"), {"department": Role.SECURITY})
    # then
    page = response.content.decode()
    assert response.status_code == 200
    assert "security · 保安部" in page and "engineer" not in page
    assert f'value="{people["guard"].pk}"' in page


def test_assignee_options_for_an_unknown_department_falls_back_to_the_first(client, people):
    # given
    client.force_login(people["desk"])
    # when
    page = client.get(reverse("servicedesk:assignee-options"), {"department": "nonsense"}).content.decode()
    # then
    assert "frontdesk · 服务部（前台）" in page and "engineer" not in page


def test_the_ticket_page_offers_only_the_tickets_departments_people(client, people, category):
    # given
    ticket = TicketFactory(
        category=category, owner=people["desk"], status=Ticket.Status.ACKNOWLEDGED, department="engineering"
    )
    client.force_login(people["desk"])
    # when
    page = client.get(reverse("servicedesk:ticket-detail", args=[ticket.pk])).content.decode()
    # then
    assert "engineer · 工程部" in page and "security · 保安部" not in page


def test_ticket_assign_refuses_a_superuser_outside_the_department_at_the_field(db, front_desk):
    # given: a superuser holds every role for access checks, but is nobody's engineer
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    ticket = TicketFactory(owner=front_desk, status=Ticket.Status.ACKNOWLEDGED)
    # when / then
    with pytest.raises(DomainError) as refused:
        services.ticket_assign(ticket=ticket, by=front_desk, department=Role.ENGINEERING, assignee=admin)
    assert refused.value.field == "assignee"
    ticket.refresh_from_db()
    assert ticket.assignee is None
