"""The reviewers of an application's open step open its documents (the licence and ID copy included), for that
application only and while the step is open; each download of a confidential one is logged."""

import pytest
from django.urls import reverse

from documents.access import document_may_download
from documents.models import Document, DownloadRecord
from documents.selectors import documents_about
from tenancy.document_kinds import BUSINESS_LICENCE, ID_COPY
from tenancy.intake import review
from tenancy.roles import Role
from tests.links_world import application_at_legal_and_finance
from tests.tenancy.intake.factories import in_review

pytestmark = pytest.mark.django_db


def _document(application, kind: str) -> Document:
    return documents_about(application).get(kind=kind)


def test_legal_opens_the_licence_of_the_application_at_its_step_and_the_download_is_logged(
    client, front_desk, business_manager, legal_manager
):
    # given: business approved, the legal step is open
    application = application_at_legal_and_finance(front_desk, business_manager)
    licence = _document(application, BUSINESS_LICENCE)
    client.force_login(legal_manager)
    # when
    response = client.get(reverse("documents:download", args=[licence.pk]))
    # then
    assert response.status_code == 200
    assert licence.confidential
    assert DownloadRecord.objects.filter(document=licence, user=legal_manager).count() == 1


def test_finance_opens_the_id_copy_and_the_application_page_links_it(
    client, front_desk, business_manager, finance_manager
):
    # given
    application = application_at_legal_and_finance(front_desk, business_manager)
    id_copy = _document(application, ID_COPY)
    client.force_login(finance_manager)
    # when
    page = client.get(reverse("intake:application-detail", args=[application.pk]))
    # then
    assert reverse("documents:download", args=[id_copy.pk]) in page.content.decode()
    assert document_may_download(document=id_copy, user=finance_manager)


def test_a_department_whose_step_is_not_open_does_not_open_the_confidential_documents(
    front_desk, business_manager, legal_manager
):
    # given: the business step is decided; another application waits at business, legal's step not open yet
    application = application_at_legal_and_finance(front_desk, business_manager)
    waiting = in_review(front_desk, n=42)
    # when / then
    assert not document_may_download(document=_document(application, BUSINESS_LICENCE), user=business_manager)
    assert not document_may_download(document=_document(waiting, BUSINESS_LICENCE), user=legal_manager)


def test_a_reviewer_opens_only_the_application_it_reviews(front_desk, business_manager):
    # given: two applications waiting at business
    reviewed = in_review(front_desk, n=43)
    other = application_at_legal_and_finance(front_desk, business_manager, n=44)
    # when / then: business opens the one at its step, not the one that has passed it
    assert document_may_download(document=_document(reviewed, ID_COPY), user=business_manager)
    assert not document_may_download(document=_document(other, ID_COPY), user=business_manager)


def test_roles_outside_the_review_chain_do_not_open_the_documents(front_desk, engineer):
    # given
    application = in_review(front_desk, n=45)
    # when / then
    for user in (front_desk, engineer):
        assert not document_may_download(document=_document(application, BUSINESS_LICENCE), user=user)


@pytest.mark.parametrize("role", [Role.LEGAL, Role.FINANCE])
def test_the_grant_ends_when_the_step_is_decided(front_desk, business_manager, staff_by_role, role):
    # given: the department approves its step
    application = application_at_legal_and_finance(front_desk, business_manager)
    reviewer = staff_by_role[role]
    review.review_approve(application=application, department=role, by=reviewer)
    # when / then
    assert not document_may_download(document=_document(application, BUSINESS_LICENCE), user=reviewer)
