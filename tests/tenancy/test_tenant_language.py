"""Issue 22: what the system writes to a tenant is in the tenant's language, not the clicking clerk's."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from documents.models import Document, Notice
from documents.storage import document_storage
from tenancy.document_kinds import TENANT_CARD
from tenancy.intake import linking, review
from tenancy.models import ApplicationEvent, ReviewStep, Tenant
from tests.factories import TenantFactory

from .intake.factories import application_fields, approve, in_review

pytestmark = pytest.mark.django_db


def _pdf_text(document: Document) -> str:
    with document_storage().open(document.file_path, "rb") as handle:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)


def test_a_new_tenant_is_written_to_in_simplified_chinese():
    # given / when
    tenant = TenantFactory()
    # then
    assert tenant.language == Tenant.Language.ZH_HANS


def test_the_tenant_form_sets_the_language_and_the_tenant_page_shows_it(client, business_manager):
    # given
    tenant = TenantFactory(email="a@example.com")
    client.force_login(business_manager)
    form = client.get(reverse("tenancy:tenant-edit", args=[tenant.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    data["language"] = "en"
    # when
    response = client.post(reverse("tenancy:tenant-edit", args=[tenant.pk]), data)
    # then
    assert response.status_code == 302, response.context["form"].errors
    tenant.refresh_from_db()
    assert tenant.language == Tenant.Language.EN
    page = client.get(reverse("tenancy:tenant-detail", args=[tenant.pk]))
    assert 'data-testid="tenant-language"' in page.content.decode()
    assert "English" in page.content.decode()


def _admit_with_an_english_clerk(front_desk, business, legal, finance, management, *, language: str):
    """An application linked to an existing tenant of that language, approved by staff reading English."""
    existing = TenantFactory(credit_code=application_fields()["credit_code"], language=language)
    with translation.override("en"):
        application = approve(in_review(front_desk), business, legal, finance)
        linking.application_link_tenant(application=application, by=business)
        application = approve(application, management)
    assert application.tenant == existing
    return application


def test_the_admission_notice_is_in_chinese_for_a_chinese_tenant_whatever_the_clerk_reads(
    front_desk, business_manager, legal_manager, finance_manager, general_manager
):
    # given / when: the clerks work in English, the tenant reads Chinese
    application = _admit_with_an_english_clerk(
        front_desk, business_manager, legal_manager, finance_manager, general_manager, language="zh-hans"
    )
    # then: the PDF's page counter, the notice's subject and body are Chinese
    document = Document.objects.get(pk=application.admission_document_id)
    assert document.title.startswith("租赁准入通知书")
    text = _pdf_text(document)
    assert "第 1 页" in text
    assert "Page 1 of" not in text
    notice = Notice.objects.get(tenant=application.tenant)
    assert notice.subject == f"租赁准入通知书 {application.number}"
    assert "Your application" not in notice.body


def test_the_admission_notice_is_in_english_for_an_english_tenant_whatever_the_clerk_reads(
    front_desk, business_manager, legal_manager, finance_manager, general_manager
):
    # given: the tenant reads English; the approving manager works in Chinese this time
    existing = TenantFactory(credit_code=application_fields()["credit_code"], language="en")
    with translation.override("zh-hans"):
        application = approve(in_review(front_desk), business_manager, legal_manager, finance_manager)
        linking.application_link_tenant(application=application, by=business_manager)
        # when
        application = approve(application, general_manager)
    # then
    assert application.tenant == existing
    document = Document.objects.get(pk=application.admission_document_id)
    assert document.title.startswith("Admission notice:")
    assert "Page 1 of" in _pdf_text(document)
    notice = Notice.objects.get(tenant=existing)
    assert notice.subject == f"Admission notice {application.number}"
    assert notice.body.startswith("Your application")


def test_system_comments_on_the_application_timeline_are_read_in_the_readers_language(
    client, front_desk, business_manager, legal_manager, finance_manager, general_manager
):
    # given: staff reading English link the application and approve it (the invitation goes out)
    application = _admit_with_an_english_clerk(
        front_desk, business_manager, legal_manager, finance_manager, general_manager, language="zh-hans"
    )
    linked = application.events.get(kind=ApplicationEvent.Kind.LINKED)
    # when: a reader in Chinese, then one in English, reads the timeline
    with translation.override("zh-hans"):
        in_chinese = linked.comment_shown
    with translation.override("en"):
        in_english = linked.comment_shown
    # then
    assert in_chinese == f"已关联到现有租户 {application.tenant.name}。"
    assert in_english == f"Linked to the existing tenant {application.tenant.name}."
    client.force_login(business_manager)
    page = client.get(reverse("intake:application-detail", args=[application.pk]))
    assert "已关联到现有租户" in page.content.decode()


@pytest.mark.parametrize(
    ("language", "title", "counter"), [("zh-hans", "客户资料卡", "第 1 页"), ("en", "Tenant", "Page 1")]
)
def test_the_tenant_card_prints_in_the_tenants_language_whatever_the_clerk_reads(
    client, settings, tmp_path, front_desk, language, title, counter
):
    # given: the clerk reads the other language
    settings.DOCUMENT_ROOT = tmp_path / "documents"
    tenant = TenantFactory(language=language)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en" if language == "zh-hans" else "zh-hans"
    client.force_login(front_desk)
    # when
    client.post(reverse("tenancy:tenant-card", args=[tenant.pk]))
    # then
    document = Document.objects.get(tenant=tenant, kind=TENANT_CARD)
    assert document.title.startswith(title)
    assert counter in _pdf_text(document)


def test_a_rejection_reaches_an_english_tenant_in_english_whatever_the_reviewer_reads(
    front_desk, business_manager
):
    # given: an application linked to an English-reading tenant; the reviewer works in Chinese
    existing = TenantFactory(credit_code=application_fields()["credit_code"], language="en")
    with translation.override("zh-hans"):
        application = in_review(front_desk)
        linking.application_link_tenant(application=application, by=business_manager)
        # when
        review.review_reject(
            application=application,
            department=ReviewStep.Department.BUSINESS,
            by=business_manager,
            reason="面积不符",
        )
    # then
    notice = Notice.objects.get(tenant=existing)
    assert notice.subject == f"Application {application.number} rejected"
    assert notice.body.startswith("We are sorry")
