"""Tenant services: identifiers checked and unique, one primary contact, portal accounts, the actor."""

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied

from documents.errors import DomainError
from tenancy import services
from tenancy.history import ACTION_LABELS, object_history
from tenancy.models import Contact, Tenant, TenantMembership
from tests.factories import (
    ContactFactory,
    MembershipFactory,
    PersonTenantFactory,
    TenantFactory,
    make_credit_code,
)
from tests.tenancy.factories import resident_id, wrong_check_digit

pytestmark = pytest.mark.django_db


def test_tenant_create_stores_a_company_with_its_code_normalised(front_desk):
    # given
    code = make_credit_code(4242)
    # when
    tenant = services.tenant_create(
        by=front_desk, kind="company", name=" 上海甲公司 ", credit_code=f" {code.lower()} "
    )
    # then
    tenant.refresh_from_db()
    assert (tenant.name, tenant.credit_code, tenant.id_number) == ("上海甲公司", code, "")


def test_tenant_create_stores_a_person_and_drops_a_stray_credit_code(business_manager):
    # given
    number = resident_id(sequence=7)
    # when
    tenant = services.tenant_create(
        by=business_manager, kind="person", name="李四", id_number=number, credit_code=make_credit_code(1)
    )
    # then
    tenant.refresh_from_db()
    assert (tenant.kind, tenant.id_number, tenant.credit_code) == ("person", number, "")


def test_tenant_create_refuses_a_wrong_check_digit(front_desk):
    # when / then
    with pytest.raises(DomainError) as caught:
        services.tenant_create(
            by=front_desk, kind="company", name="乙公司", credit_code=wrong_check_digit(make_credit_code(9))
        )
    assert caught.value.field == "credit_code"
    assert Tenant.objects.count() == 0


def test_tenant_create_refuses_a_credit_code_another_tenant_has(front_desk):
    # given
    existing = TenantFactory(name="已有公司")
    # when / then
    with pytest.raises(DomainError) as caught:
        services.tenant_create(by=front_desk, kind="company", name="新公司", credit_code=existing.credit_code)
    assert caught.value.field == "credit_code" and "已有公司" in caught.value.message
    assert Tenant.objects.count() == 1


def test_tenant_create_refuses_an_id_number_another_tenant_has(front_desk):
    # given
    existing = PersonTenantFactory()
    # when / then
    with pytest.raises(DomainError) as caught:
        services.tenant_create(
            by=front_desk, kind="person", name="王五", id_number=existing.id_number.lower()
        )
    assert caught.value.field == "id_number"


def test_tenant_create_refuses_roles_that_may_not_edit(finance_manager):
    with pytest.raises(PermissionDenied):
        services.tenant_create(
            by=finance_manager, kind="company", name="丙公司", credit_code=make_credit_code(3)
        )
    assert Tenant.objects.count() == 0


def test_tenant_update_keeps_its_own_code_and_records_the_actor(business_manager):
    # given
    tenant = TenantFactory()
    # when
    services.tenant_update(
        tenant=tenant, by=business_manager, name="改名后公司", credit_code=tenant.credit_code
    )
    # then
    latest = object_history(tenant)[0]
    assert latest.user == business_manager
    assert (str(Tenant._meta.get_field("name").verbose_name), tenant.name, "改名后公司") in latest.changes


def test_tenant_update_to_a_person_needs_a_resident_id(front_desk):
    # given
    tenant = TenantFactory()
    # when / then
    with pytest.raises(DomainError) as caught:
        services.tenant_update(tenant=tenant, by=front_desk, kind="person")
    assert caught.value.field == "id_number"
    tenant.refresh_from_db()
    assert tenant.kind == "company"


def test_contact_add_makes_the_first_contact_primary(front_desk, tenant):
    # when
    first = services.contact_add(tenant=tenant, by=front_desk, name="王经理", mobile="139 1234 5678")
    second = services.contact_add(tenant=tenant, by=front_desk, name="赵助理")
    # then
    first.refresh_from_db()
    assert first.is_primary and first.mobile == "13912345678"
    assert not second.is_primary


def test_contact_update_to_primary_demotes_the_previous_one(front_desk, tenant):
    # given
    old = ContactFactory(tenant=tenant, is_primary=True)
    new = ContactFactory(tenant=tenant)
    # when
    services.contact_update(contact=new, by=front_desk, is_primary=True)
    # then
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.is_primary, new.is_primary) == (False, True)


def test_contact_add_refuses_a_bad_mobile(front_desk, tenant):
    with pytest.raises(DomainError) as caught:
        services.contact_add(tenant=tenant, by=front_desk, name="王经理", mobile="021-5555000")
    assert caught.value.field == "mobile"
    assert tenant.contacts.count() == 0


def test_contact_remove_deletes_it_and_keeps_the_history(business_manager, tenant):
    # given
    contact = ContactFactory(tenant=tenant)
    # when
    services.contact_remove(contact=contact, by=business_manager)
    # then
    assert not Contact.objects.filter(pk=contact.pk).exists()
    latest = object_history(contact)[0]
    assert latest.action == str(ACTION_LABELS["delete"]) and latest.user == business_manager


def test_portal_account_create_makes_a_non_staff_user_who_can_log_in(front_desk, tenant):
    # when
    membership, password = services.portal_account_create(
        tenant=tenant, by=front_desk, username="tenant-alice", email="alice@example.com"
    )
    # then
    user = membership.user
    assert membership.tenant == tenant and not user.is_staff and user.is_active
    assert len(password) >= 12 and user.check_password(password)


def test_portal_account_create_refuses_a_taken_username_and_a_weak_password(front_desk, tenant):
    # given
    MembershipFactory(tenant=tenant, user__username="taken")
    # when / then
    with pytest.raises(DomainError) as taken:
        services.portal_account_create(tenant=tenant, by=front_desk, username="TAKEN", email="a@example.com")
    with pytest.raises(DomainError) as weak:
        services.portal_account_create(
            tenant=tenant, by=front_desk, username="new-user", email="a@example.com", password="123"
        )
    assert (taken.value.field, weak.value.field) == ("username", "password")
    assert TenantMembership.objects.count() == 1


def test_portal_account_create_refuses_the_business_department(business_manager, tenant):
    with pytest.raises(PermissionDenied):
        services.portal_account_create(
            tenant=tenant, by=business_manager, username="bob", email="b@example.com"
        )


def test_portal_account_deactivate_switches_the_user_off_once(general_manager, tenant_user):
    # given
    membership = tenant_user.tenant_membership
    # when
    services.portal_account_deactivate(membership=membership, by=general_manager)
    # then
    tenant_user.refresh_from_db()
    membership.refresh_from_db()
    assert not tenant_user.is_active and membership.deactivated_at is not None
    with pytest.raises(DomainError):
        services.portal_account_deactivate(membership=membership, by=general_manager)


def test_generated_passwords_differ_and_pass_the_validators():
    # when
    passwords = {services.generate_password() for _ in range(20)}
    # then
    assert len(passwords) == 20
    for password in passwords:
        password_validation.validate_password(password)


def test_tenant_create_turns_a_concurrent_duplicate_into_a_field_error(front_desk, monkeypatch):
    # given: another request saved the same code after this one looked for duplicates
    existing = TenantFactory()
    monkeypatch.setattr(services, "tenant_with_identifier", lambda **kwargs: None)
    # when / then: the unique constraint answers, as a message at the field
    with pytest.raises(DomainError) as caught:
        services.tenant_create(
            by=front_desk, kind="company", name="后来的公司", credit_code=existing.credit_code
        )
    assert caught.value.field == "credit_code"
    assert Tenant.objects.count() == 1
