"""Staff download only what their role may open: an applicant's financial statements are for its reviewers,
internal ticket photos for the front desk, engineering, management and the ticket's department; pages
listing documents show no link a role cannot open."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from documents.access import download_grants, download_rules
from documents.models import Document
from servicedesk.models import TicketEvent
from servicedesk.services._base import photos_add
from tenancy.document_kinds import FINANCIAL_STATEMENT
from tenancy.roles import Role
from tests.documents.factories import DocumentFactory
from tests.servicedesk.factories import TicketFactory, png
from tests.tenancy.intake.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

REVIEWERS = {Role.BUSINESS, Role.LEGAL, Role.FINANCE, Role.MANAGEMENT}
TICKET_PHOTO_ROLES = {Role.FRONT_DESK, Role.ENGINEERING, Role.MANAGEMENT}


def _download(client, user, document):
    client.force_login(user)
    return client.get(reverse("documents:download", args=[document.pk]))


def test_the_download_rules_are_listed_in_one_place():
    assert [rule.name for rule in download_rules()] == [
        f"kind:{FINANCIAL_STATEMENT}",
        "servicedesk:ticket-photos",
    ]


def test_the_download_grants_are_listed_in_one_place():
    # then: what opens confidential or archived documents beyond the permission and the archive right
    assert [grant.name for grant in download_grants()] == [
        "billing:closing-papers",
        "tenancy:application-under-review",
    ]


@pytest.mark.parametrize("role", Role.values)
def test_an_applicants_financial_statement_is_for_its_reviewers(client, staff_by_role, tenant, role):
    # given
    statement = DocumentFactory(tenant=tenant, kind=FINANCIAL_STATEMENT)
    # when
    response = _download(client, staff_by_role[role], statement)
    # then
    assert response.status_code == (200 if role in REVIEWERS else 404)


def _internal_ticket_photo(ticket, by):
    (event,) = photos_add(ticket, [png()], by=by, public=False)
    return Document.objects.get(about_type=ContentType.objects.get_for_model(TicketEvent), about_id=event.pk)


@pytest.mark.parametrize("role", Role.values)
def test_an_internal_ticket_photo_is_for_the_desk_engineering_and_management(
    client, staff_by_role, front_desk, role
):
    # given: a ticket no department has taken yet
    photo = _internal_ticket_photo(TicketFactory(department=""), front_desk)
    # when
    response = _download(client, staff_by_role[role], photo)
    # then
    assert response.status_code == (200 if role in TICKET_PHOTO_ROLES else 404)


def test_a_ticket_photo_is_open_to_the_tickets_department(client, front_desk, security_guard):
    # given
    photo = _internal_ticket_photo(TicketFactory(department=Role.SECURITY), front_desk)
    other = _internal_ticket_photo(TicketFactory(department=Role.FINANCE), front_desk)
    # when / then
    assert _download(client, security_guard, photo).status_code == 200
    assert _download(client, security_guard, other).status_code == 404


def test_the_ticket_page_links_only_photos_its_reader_may_open(client, front_desk, security_guard):
    # given: security sees the ticket of its department, and its photos
    ticket = TicketFactory(department=Role.SECURITY)
    photo = _internal_ticket_photo(ticket, front_desk)
    client.force_login(security_guard)
    # when
    page = client.get(reverse("servicedesk:ticket-detail", args=[ticket.pk])).content.decode()
    # then: the page's photo link opens for this reader, and so does the document itself
    photo_url = reverse("servicedesk:ticket-photo", args=[ticket.pk, photo.pk])
    assert photo_url in page
    assert client.get(photo_url).status_code == 200
    assert _download(client, security_guard, photo).status_code == 200


@pytest.mark.parametrize(
    ("role", "linked"), [(Role.SECURITY, False), (Role.FRONT_DESK, False), (Role.FINANCE, True)]
)
def test_the_dossier_links_a_financial_statement_only_for_its_reviewers(
    client, staff_by_role, tenant, role, linked
):
    # given
    statement = DocumentFactory(tenant=tenant, kind=FINANCIAL_STATEMENT)
    plain = DocumentFactory(tenant=tenant)
    client.force_login(staff_by_role[role])
    # when
    page = client.get(reverse("archive:dossier", args=[tenant.pk])).content.decode()
    # then
    assert (reverse("documents:download", args=[statement.pk]) in page) is linked
    assert reverse("documents:download", args=[plain.pk]) in page


@pytest.mark.parametrize(("role", "linked"), [(Role.FRONT_DESK, False), (Role.LEGAL, True)])
def test_the_application_page_links_a_financial_statement_only_for_its_reviewers(
    client, staff_by_role, tenant, role, linked
):
    # given
    application = ApplicationFactory(tenant=tenant)
    statement = DocumentFactory(
        tenant=tenant,
        kind=FINANCIAL_STATEMENT,
        about_type=ContentType.objects.get_for_model(application),
        about_id=application.pk,
    )
    client.force_login(staff_by_role[role])
    # when
    page = client.get(reverse("intake:application-detail", args=[application.pk])).content.decode()
    # then
    assert statement.number in page
    assert (reverse("documents:download", args=[statement.pk]) in page) is linked


def test_search_finds_no_document_the_role_may_not_open(client, front_desk, finance_manager, tenant):
    # given
    statement = DocumentFactory(tenant=tenant, kind=FINANCIAL_STATEMENT, title="年度审计报告")
    url = reverse("search:search") + f"?q={statement.number}"
    # when / then
    client.force_login(front_desk)
    assert reverse("documents:download", args=[statement.pk]) not in client.get(url).content.decode()
    client.force_login(finance_manager)
    assert reverse("documents:download", args=[statement.pk]) in client.get(url).content.decode()
