"""Reviewers' comments on approvals are internal: the applicant reads only what a return asks for and why an
application was rejected, on the public follow page, in the portal and on the admission notice."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from documents.models import Document
from documents.storage import document_storage
from tenancy.intake import review, services
from tenancy.intake.links import follow_token
from tenancy.models import Application

from .factories import application_fields, approve, complete_files

pytestmark = pytest.mark.django_db

INTERNAL = "内部意见：法人另有两起租金纠纷"
NEEDED = "请补充近两年财务报表"
REASON = "申请面积超出可租范围"


def _public_application() -> Application:
    application = services.application_create(
        channel=Application.Channel.PUBLIC, files=complete_files(), **application_fields()
    )
    return services.application_submit(application=application)


def _portal_application(tenant_user, tenant) -> Application:
    identity = ("applicant_kind", "applicant_name", "credit_code", "legal_representative")
    fields = {k: v for k, v in application_fields().items() if k not in identity}
    application = services.application_create(
        channel=Application.Channel.PORTAL, by=tenant_user, tenant=tenant, files=complete_files(), **fields
    )
    return services.application_submit(application=application, by=tenant_user)


def _approve_with_comment(application, by) -> None:
    review.review_approve(application=application, department="business", by=by, comment=INTERNAL)


def _follow(client, application) -> str:
    return client.get(reverse("intake:follow", args=[follow_token(application)])).content.decode()


def test_the_follow_page_hides_approval_comments_and_shows_what_a_return_needs(
    client, business_manager, legal_manager
):
    # given
    application = _public_application()
    _approve_with_comment(application, business_manager)
    # when
    review.review_return(application=application, department="legal", by=legal_manager, needed=NEEDED)
    page = _follow(client, application)
    # then
    assert INTERNAL not in page
    assert NEEDED in page


def test_the_follow_page_shows_the_reason_for_a_rejection(client, business_manager, legal_manager):
    # given
    application = _public_application()
    _approve_with_comment(application, business_manager)
    # when
    review.review_reject(application=application, department="legal", by=legal_manager, reason=REASON)
    page = _follow(client, application)
    # then
    assert INTERNAL not in page
    assert REASON in page


def test_the_portal_page_hides_approval_comments_and_shows_what_a_return_needs(
    client, tenant_user, tenant, business_manager, finance_manager
):
    # given
    application = _portal_application(tenant_user, tenant)
    _approve_with_comment(application, business_manager)
    review.review_return(application=application, department="finance", by=finance_manager, needed=NEEDED)
    client.force_login(tenant_user)
    # when
    page = client.get(reverse("portal:application-detail", args=[application.pk])).content.decode()
    # then
    assert INTERNAL not in page
    assert NEEDED in page


def test_staff_still_read_every_comment(client, business_manager, legal_manager):
    # given
    application = _public_application()
    _approve_with_comment(application, business_manager)
    client.force_login(legal_manager)
    # when
    page = client.get(reverse("intake:application-detail", args=[application.pk])).content.decode()
    # then
    assert INTERNAL in page


def test_the_admission_notice_does_not_print_the_reviewers_comments(
    front_desk, business_manager, legal_manager, finance_manager, general_manager
):
    # given
    application = services.application_submit(
        application=services.application_create(
            channel=Application.Channel.FRONT_DESK,
            by=front_desk,
            files=complete_files(),
            **application_fields(),
        ),
        by=front_desk,
    )
    _approve_with_comment(application, business_manager)
    # when
    approved = approve(application, legal_manager, finance_manager, general_manager)
    # then
    document = Document.objects.get(pk=approved.admission_document_id)
    with document_storage().open(document.file_path, "rb") as handle:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    assert "租赁准入通知书" in text
    assert "内部意见" not in text
