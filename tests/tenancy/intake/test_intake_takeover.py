"""Taking over a tenant through the public form: a stranger types an existing tenant's credit code.

Reviewers see the match; approval never joins the application to the tenant by itself; staff link it
explicitly (recorded with who and when); the linked application adds no contact and no portal account, and
the portal invitation goes to the tenant's known primary contact. A portal user's own application works as
before.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from documents.errors import DomainError
from documents.models import Notice
from tenancy.intake import linking, review, services
from tenancy.intake.links import follow_token
from tenancy.models import Application, ApplicationEvent, ReviewStep, TenantMembership
from tests.factories import ContactFactory, TenantFactory

from .factories import application_fields, approve, complete_files, step_status
from .test_views import form_data

pytestmark = pytest.mark.django_db

STRANGER = "stranger@takeover.example.com"
BOSS = "boss@real-tenant.example.com"


@pytest.fixture
def existing():
    """A tenant with its primary contact (who has no portal account yet)."""
    tenant = TenantFactory(name="上海真实科技有限公司")
    ContactFactory(tenant=tenant, name="李总", email=BOSS, is_primary=True)
    return tenant


def _stranger_applies(client, tenant, capture) -> Application:
    data = form_data(
        submit="1", credit_code=tenant.credit_code, contact_name="冒名者", contact_email=STRANGER
    )
    with capture(execute=True):
        client.post(reverse("intake:apply"), data)
    return Application.objects.get()


def _stranger_application(tenant, **overrides) -> Application:
    """The same attempt made through the services (the public page's channel, no user)."""
    fields = application_fields(credit_code=tenant.credit_code, contact_email=STRANGER, **overrides)
    application = services.application_create(
        channel=Application.Channel.PUBLIC, files=complete_files(), **fields
    )
    return services.application_submit(application=application)


def _decide(client, user, application, department, verdict="approve", comment=""):
    client.force_login(user)
    url = reverse("intake:application-decide", args=[application.pk, department])
    return client.post(url, {"verdict": verdict, "comment": comment})


def test_a_takeover_attempt_through_the_public_form_is_shown_refused_and_then_linked_explicitly(
    client,
    existing,
    front_desk,
    business_manager,
    legal_manager,
    finance_manager,
    general_manager,
    django_capture_on_commit_callbacks,
):
    # given: a stranger applies in the existing tenant's name
    application = _stranger_applies(client, existing, django_capture_on_commit_callbacks)
    # then: the queue and the page say so
    client.force_login(business_manager)
    queue = client.get(reverse("intake:queue", args=["business"])).content.decode()
    assert 'data-testid="tenant-match"' in queue and existing.name in queue
    detail = client.get(reverse("intake:application-detail", args=[application.pk])).content.decode()
    assert 'data-testid="tenant-match"' in detail and existing.name in detail
    # when: the departments approve and management approves without a link
    for user, department in [
        (business_manager, "business"),
        (legal_manager, "legal"),
        (finance_manager, "finance"),
    ]:
        assert _decide(client, user, application, department).status_code == 302
    refused = _decide(client, general_manager, application, "management")
    # then: refused at the form, nothing joined, nobody invited
    assert refused.status_code == 400 and existing.name in refused.content.decode()
    application.refresh_from_db()
    assert (application.status, application.tenant) == (Application.Status.IN_REVIEW, None)
    assert step_status(application)["management"] == ReviewStep.Status.OPEN
    assert list(existing.contacts.values_list("email", flat=True)) == [BOSS]
    assert not TenantMembership.objects.exists()

    # when: the front desk links it after checking with the tenant, and management approves
    client.force_login(front_desk)
    client.post(reverse("intake:application-link-tenant", args=[application.pk]))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approved = _decide(client, general_manager, application, "management")
    # then: joined to the tenant, nothing for the stranger, the invitation to the primary contact
    assert approved.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.tenant) == (Application.Status.APPROVED, existing)
    linked = application.events.get(kind=ApplicationEvent.Kind.LINKED)
    assert linked.by == front_desk and linked.at is not None
    assert list(existing.contacts.values_list("email", flat=True)) == [BOSS]
    assert list(TenantMembership.objects.values_list("user__email", flat=True)) == [BOSS]
    assert not get_user_model().objects.filter(email__iexact=STRANGER).exists()
    invitation = next(m for m in mail.outbox if "/intake/invitation/" in m.body)
    assert invitation.to == [BOSS]
    assert all(STRANGER not in m.to for m in mail.outbox if m.attachments or "/intake/invitation/" in m.body)
    notice = Notice.objects.get(tenant=existing)
    assert STRANGER not in notice.recipients
    # and: the stranger's follow page shows neither the tenant's contact nor the link
    client.logout()
    follow = client.get(reverse("intake:follow", args=[follow_token(application)])).content.decode()
    assert BOSS not in follow and 'data-kind="linked"' not in follow


def test_management_approval_of_an_unlinked_match_is_refused_by_the_service(
    existing, business_manager, legal_manager, finance_manager, general_manager
):
    # given
    application = approve(_stranger_application(existing), business_manager, legal_manager, finance_manager)
    # when / then
    with pytest.raises(DomainError):
        review.review_approve(application=application, department="management", by=general_manager)
    application.refresh_from_db()
    assert application.tenant is None and application.status == Application.Status.IN_REVIEW
    assert existing.contacts.count() == 1 and not TenantMembership.objects.exists()


@pytest.mark.parametrize("role", ["front_desk", "business_manager", "general_manager"])
def test_linking_is_recorded_with_who_linked_it(request, existing, role):
    # given
    user = request.getfixturevalue(role)
    application = _stranger_application(existing)
    # when
    linking.application_link_tenant(application=application, by=user)
    # then
    application.refresh_from_db()
    assert application.tenant == existing
    event = application.events.get(kind=ApplicationEvent.Kind.LINKED)
    assert event.by == user and existing.name in event.comment_shown


@pytest.mark.parametrize("role", ["legal_manager", "finance_manager", "engineer"])
def test_other_roles_may_not_link(client, request, existing, role):
    # given
    user = request.getfixturevalue(role)
    application = _stranger_application(existing)
    # when / then
    with pytest.raises(PermissionDenied):
        linking.application_link_tenant(application=application, by=user)
    client.force_login(user)
    assert client.post(reverse("intake:application-link-tenant", args=[application.pk])).status_code == 403
    application.refresh_from_db()
    assert application.tenant is None


def test_a_portal_user_may_not_link(client, existing, tenant_user):
    # given
    application = _stranger_application(existing)
    client.force_login(tenant_user)
    # when
    response = client.post(reverse("intake:application-link-tenant", args=[application.pk]))
    # then
    assert response.status_code in (302, 403)
    application.refresh_from_db()
    assert application.tenant is None


def test_linking_needs_a_matching_tenant(front_desk):
    # given: nobody has this credit code
    application = services.application_submit(
        application=services.application_create(
            channel=Application.Channel.PUBLIC, files=complete_files(), **application_fields()
        )
    )
    # when / then
    with pytest.raises(DomainError):
        linking.application_link_tenant(application=application, by=front_desk)
    assert not application.events.filter(kind=ApplicationEvent.Kind.LINKED).exists()


def test_a_linked_application_keeps_the_tenants_credit_code(existing, front_desk, business_manager):
    # given: linked, then returned for information
    application = linking.application_link_tenant(application=_stranger_application(existing), by=front_desk)
    review.review_return(application=application, department="business", by=business_manager, needed="补充")
    # when / then
    with pytest.raises(DomainError) as refused:
        services.application_update(application=application, credit_code=application_fields(2)["credit_code"])
    assert refused.value.field == "credit_code"


def test_a_rejection_of_a_linked_application_reaches_the_stranger_apart_from_the_tenant(
    existing, front_desk, business_manager, django_capture_on_commit_callbacks
):
    # given
    application = linking.application_link_tenant(application=_stranger_application(existing), by=front_desk)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        review.review_reject(
            application=application, department="business", by=business_manager, reason="身份存疑"
        )
    # then
    notice = Notice.objects.get(tenant=existing)
    assert STRANGER not in notice.recipients and BOSS in notice.recipients
    (to_stranger,) = [m for m in mail.outbox if m.to == [STRANGER]]
    assert "身份存疑" in to_stranger.body and BOSS not in to_stranger.body


def test_a_portal_users_application_joins_its_tenant_as_before(
    tenant_user,
    tenant,
    business_manager,
    legal_manager,
    finance_manager,
    general_manager,
    django_capture_on_commit_callbacks,
):
    # given: the tenant's own portal user applies for more space
    identity = ("applicant_kind", "applicant_name", "credit_code", "legal_representative")
    fields = {k: v for k, v in application_fields().items() if k not in identity}
    application = services.application_create(
        channel=Application.Channel.PORTAL, by=tenant_user, tenant=tenant, files=complete_files(), **fields
    )
    services.application_submit(application=application, by=tenant_user)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        approved = approve(application, business_manager, legal_manager, finance_manager, general_manager)
    # then: its contact is added and invited, as it always was
    assert approved.status == Application.Status.APPROVED and approved.tenant == tenant
    assert tenant.contacts.filter(name="钱七", email="applicant1@example.com").exists()
    assert TenantMembership.objects.filter(tenant=tenant, user__email="applicant1@example.com").exists()
    assert "applicant1@example.com" in Notice.objects.get(tenant=tenant).recipients
