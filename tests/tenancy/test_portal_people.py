"""The tenant's own people: administrators invite colleagues with a role and remove them; bad input is
refused at its field with nothing sent; each role reaches only its pages; each person picks their e-mails."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from documents.models import Notice
from documents.services import notice_send
from tests.factories import MembershipFactory, TenantFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    """The pages read in English here, so the assertions can quote them."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _invite(client, **data):
    return client.post(reverse("portal:people"), {"name": "李 四", "language": "", **data})


@pytest.fixture
def admin(tenant):
    return MembershipFactory(tenant=tenant, user=UserFactory(username="boss", email="boss@example.com")).user


def test_an_administrator_invites_a_colleague_who_gets_a_set_password_link(client, admin, tenant):
    client.force_login(admin)
    response = _invite(client, email="Li.Si@Example.com", role="finance", language="en")
    assert response.status_code == 302
    user = get_user_model().objects.get(email="li.si@example.com")
    membership = user.tenant_membership
    assert membership.tenant == tenant and membership.role == "finance" and membership.invited_by == admin
    assert "billing" in membership.email_topics and "repairs" not in membership.email_topics
    assert not user.has_usable_password()
    [message] = mail.outbox
    assert message.to == ["li.si@example.com"]
    assert "/portal/account/password/reset/" in message.body and "invites you" in message.body


@pytest.mark.parametrize(
    ("data", "field_text"),
    [
        ({"email": "not-an-address", "role": "finance"}, "valid email"),
        ({"email": "new@example.com", "role": "admin"}, "front desk appoints another administrator"),
        ({"email": "new@example.com", "role": "owner"}, "Choose a role"),
    ],
)
def test_bad_invitations_are_refused_at_the_field_and_nothing_is_sent(client, admin, data, field_text):
    client.force_login(admin)
    response = _invite(client, **data)
    assert response.status_code == 400
    assert field_text in response.content.decode()
    assert mail.outbox == []
    assert not get_user_model().objects.filter(email="new@example.com").exists()
    # what was typed stays in the form
    assert data["email"] in response.content.decode()


def test_an_address_of_another_tenants_user_is_refused(client, admin, other_tenant):
    MembershipFactory(tenant=other_tenant, user=UserFactory(username="x", email="taken@example.com"))
    client.force_login(admin)
    response = _invite(client, email="TAKEN@example.com", role="operations")
    assert response.status_code == 400
    assert "belongs to another account" in response.content.decode()
    assert mail.outbox == []


def test_only_administrators_manage_people(client, tenant):
    reader = MembershipFactory(tenant=tenant, role="read_only").user
    client.force_login(reader)
    assert client.get(reverse("portal:people")).status_code == 403
    assert _invite(client, email="new@example.com", role="finance").status_code == 403
    assert mail.outbox == []


def test_an_administrator_changes_a_role_and_removes_access_but_not_of_another_tenant(
    client, admin, tenant, other_tenant
):
    colleague = MembershipFactory(tenant=tenant, role="operations")
    stranger = MembershipFactory(tenant=other_tenant, role="operations")
    client.force_login(admin)
    client.post(reverse("portal:person-role", args=[colleague.pk]), {"role": "read_only"})
    colleague.refresh_from_db()
    assert colleague.role == "read_only"
    assert client.post(reverse("portal:person-remove", args=[stranger.pk])).status_code == 404
    client.post(reverse("portal:person-remove", args=[colleague.pk]))
    colleague.refresh_from_db()
    assert colleague.deactivated_at is not None and not colleague.user.is_active
    # an administrator cannot remove themselves
    client.post(reverse("portal:person-remove", args=[admin.tenant_membership.pk]))
    admin.refresh_from_db()
    assert admin.is_active


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        ("finance", "portal:tickets", 403),
        ("finance", "portal:billing", 200),
        ("operations", "portal:billing", 403),
        ("operations", "portal:tickets", 200),
        ("read_only", "portal:tickets", 200),
        ("read_only", "portal:ticket-create", 403),
        ("read_only", "portal:application-create", 403),
        ("finance", "fitout_portal:apply", 403),
    ],
)
def test_each_role_reaches_only_its_pages(client, tenant, role, url, status):
    client.force_login(MembershipFactory(tenant=tenant, role=role).user)
    assert client.get(reverse(url)).status_code == status


def test_a_read_only_person_cannot_accept_a_quote(client, tenant):
    from servicedesk.models import Ticket
    from tests.servicedesk.factories import TicketFactory

    ticket = TicketFactory(
        tenant=tenant,
        kind=Ticket.Kind.PAID_SERVICE,
        quote_status=Ticket.QuoteStatus.OFFERED,
        status=Ticket.Status.ACKNOWLEDGED,
        quote_amount="300.00",
    )
    client.force_login(MembershipFactory(tenant=tenant, role="read_only").user)
    assert client.post(reverse("portal:ticket-quote-accept", args=[ticket.pk])).status_code == 403
    ticket.refresh_from_db()
    assert ticket.quote_status == Ticket.QuoteStatus.OFFERED


def test_each_person_chooses_the_notices_they_get_by_email(client, tenant):
    tenant.email = ""
    tenant.save()
    finance = MembershipFactory(tenant=tenant, role="finance", user=UserFactory(email="fin@example.com")).user
    client.force_login(finance)
    response = client.post(reverse("portal:preferences"), {"email_topics": ["billing"], "language": "en"})
    assert response.status_code == 302
    finance.tenant_membership.refresh_from_db()
    assert finance.tenant_membership.email_topics == ["billing"]
    assert finance.tenant_membership.language == "en"
    # a bill letter reaches them, a repair letter does not
    bill = notice_send(tenant=tenant, subject="账单", body="请付款", topic=Notice.Topic.BILLING)
    repair = notice_send(tenant=tenant, subject="维修", body="已修好", topic=Notice.Topic.REPAIRS)
    assert _mailed_to(bill) == {"fin@example.com"}
    assert _mailed_to(repair) == set()
    # in the language they chose, not the tenant's
    assert bill.versions.get().language == "en"


def _mailed_to(notice) -> set[str]:
    """Everyone the notice is e-mailed to: in the tenant's language, and in the languages people chose."""
    return {
        *notice.recipients,
        *(address for version in notice.versions.all() for address in version.recipients),
    }


def test_staff_see_each_portal_accounts_role_on_the_tenant_page(client, tenant):
    MembershipFactory(tenant=tenant, role="finance")
    client.force_login(UserFactory(roles=["front_desk"]))
    page = client.get(reverse("tenancy:tenant-detail", args=[tenant.pk])).content.decode()
    assert 'data-testid="portal-account-role"' in page and "Finance" in page


def test_another_tenant_is_never_reached(client, admin, other_tenant):
    assert TenantFactory  # the other tenant's people stay out of the list
    MembershipFactory(tenant=other_tenant, user=UserFactory(username="stranger"))
    client.force_login(admin)
    assert "stranger" not in client.get(reverse("portal:people")).content.decode()


def test_the_menu_offers_each_role_only_the_pages_it_may_open(client, tenant):
    client.force_login(MembershipFactory(tenant=tenant, role="finance").user)
    page = client.get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("portal:tickets")}"' not in page
    assert f'href="{reverse("portal:billing")}"' in page
    client.force_login(MembershipFactory(tenant=tenant, role="operations").user)
    page = client.get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("portal:billing")}"' not in page
    assert f'href="{reverse("portal:tickets")}"' in page
