"""The tenant pages: list with search and filters, create and edit, contacts, masking, history."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tenancy.models import Contact, Tenant
from tests.factories import ContactFactory, PersonTenantFactory, TenantFactory, UserFactory, make_credit_code
from tests.tenancy.factories import resident_id, wrong_check_digit

pytestmark = pytest.mark.django_db


def tenant_data(**overrides):
    data = {
        "kind": "company",
        "name": "上海新租户有限公司",
        "credit_code": make_credit_code(777),
        "id_number": "",
        "legal_representative": "张三",
        "phone": "021-55551234",
        "email": "office@new.example.com",
        "address": "上海市黄浦区中山东一路1号",
        "status": "active",
        "notes": "",
    }
    return {**data, **overrides}


def field_errors(response, field):
    return response.context["form"].errors.get(field, [])


# --- list ---------------------------------------------------------------------------------------------------


def test_tenant_list_searches_name_code_and_contacts(client, front_desk):
    # given
    by_name = TenantFactory(name="蓝天科技有限公司")
    by_code = TenantFactory()
    by_contact = TenantFactory()
    ContactFactory(tenant=by_contact, name="欧阳娜娜", mobile="13700001111")
    TenantFactory(name="无关公司")
    client.force_login(front_desk)
    list_url = reverse("tenancy:tenant-list")
    # when / then
    for query, expected in [
        ("蓝天", by_name),
        (by_code.credit_code[-6:].lower(), by_code),
        ("欧阳", by_contact),
        ("0000111", by_contact),
    ]:
        rows = list(client.get(list_url, {"q": query}).context["table"].page.object_list)
        assert [row.record for row in rows] == [expected], query


def test_tenant_list_filters_by_kind_and_status(client, front_desk):
    # given
    person = PersonTenantFactory(status=Tenant.Status.PROSPECT)
    TenantFactory(status=Tenant.Status.PROSPECT)
    TenantFactory(status=Tenant.Status.ACTIVE)
    client.force_login(front_desk)
    # when
    response = client.get(reverse("tenancy:tenant-list"), {"kind": "person", "status": "prospect"})
    # then
    assert [row.record for row in response.context["table"].page.object_list] == [person]


def test_tenant_list_shows_25_per_page(client, front_desk):
    # given
    TenantFactory.create_batch(30)
    client.force_login(front_desk)
    # when
    response = client.get(reverse("tenancy:tenant-list"))
    # then
    assert len(response.context["table"].page.object_list) == 25
    assert response.context["table"].paginator.num_pages == 2


def _add_tenants_with_contacts(count: int) -> None:
    for tenant in TenantFactory.create_batch(count):
        ContactFactory(tenant=tenant, is_primary=True)
        ContactFactory(tenant=tenant)


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("tenancy:tenant-list"))
    assert response.status_code == 200
    return len(queries)


def test_tenant_list_costs_the_same_queries_for_5_and_50_rows(client, front_desk):
    # given
    client.force_login(front_desk)
    _add_tenants_with_contacts(5)
    # when
    five = _list_queries(client)
    _add_tenants_with_contacts(45)
    fifty = _list_queries(client)
    # then
    assert five == fifty
    assert fifty <= 12


# --- create and edit ----------------------------------------------------------------------------------------


def test_tenant_create_saves_and_opens_the_new_tenant(client, front_desk):
    # given
    client.force_login(front_desk)
    # when
    response = client.post(reverse("tenancy:tenant-create"), tenant_data())
    # then
    tenant = Tenant.objects.get()
    assert response.status_code == 302 and response.url == reverse("tenancy:tenant-detail", args=[tenant.pk])
    assert tenant.name == "上海新租户有限公司" and tenant.credit_code == make_credit_code(777)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"credit_code": wrong_check_digit(make_credit_code(777))},
            "credit_code",
            "统一社会信用代码校验位错误",
        ),
        ({"credit_code": make_credit_code(777)[:15]}, "credit_code", "统一社会信用代码应为18位"),
        (
            {"credit_code": "9131000O" + make_credit_code(777)[8:]},
            "credit_code",
            "统一社会信用代码含有无效字符",
        ),
        ({"credit_code": ""}, "credit_code", "企业须填写统一社会信用代码"),
        (
            {"kind": "person", "id_number": wrong_check_digit(resident_id())},
            "id_number",
            "身份证号码校验位错误",
        ),
        ({"kind": "person", "id_number": resident_id(born="19851332")}, "id_number", "出生日期"),
    ],
)
def test_tenant_create_keeps_bad_input_with_the_message_at_the_field(
    client, front_desk, overrides, field, message
):
    # given
    client.force_login(front_desk)
    data = tenant_data(**overrides)
    # when
    response = client.post(reverse("tenancy:tenant-create"), data)
    # then
    assert response.status_code == 200
    assert any(message in error for error in field_errors(response, field))
    page = response.content.decode()
    assert message in page and f'value="{data["name"]}"' in page
    assert Tenant.objects.count() == 0


def test_tenant_create_names_the_tenant_that_has_the_code_already(client, business_manager):
    # given
    existing = TenantFactory(name="先来的公司")
    client.force_login(business_manager)
    # when
    response = client.post(reverse("tenancy:tenant-create"), tenant_data(credit_code=existing.credit_code))
    # then
    assert any("先来的公司" in error for error in field_errors(response, "credit_code"))
    assert Tenant.objects.count() == 1


def test_tenant_edit_saves_and_the_history_shows_who(client, front_desk):
    # given
    tenant = TenantFactory(name="旧名称公司")
    client.force_login(front_desk)
    # when
    response = client.post(
        reverse("tenancy:tenant-edit", args=[tenant.pk]),
        tenant_data(name="新名称公司", credit_code=tenant.credit_code),
    )
    # then
    assert response.status_code == 302
    history = client.get(reverse("tenancy:tenant-history", args=[tenant.pk]))
    entry = history.context["history"][0]
    assert entry.user == front_desk
    page = history.content.decode()
    assert "frontdesk" in page and "旧名称公司" in page and "新名称公司" in page


def test_tenant_edit_of_a_person_keeps_the_hidden_id_number(client, front_desk):
    # given
    tenant = PersonTenantFactory()
    original = tenant.id_number
    client.force_login(front_desk)
    # when: the ID field is read-only and masked; whatever is posted for it is ignored
    form_page = client.get(reverse("tenancy:tenant-edit", args=[tenant.pk])).content.decode()
    client.post(
        reverse("tenancy:tenant-edit", args=[tenant.pk]),
        tenant_data(kind="person", name="新名字", id_number="X", credit_code=""),
    )
    # then
    assert original not in form_page
    tenant.refresh_from_db()
    assert (tenant.name, tenant.kind, tenant.id_number) == ("新名字", "person", original)


# --- masking ------------------------------------------------------------------------------------------------


@pytest.fixture
def person():
    return PersonTenantFactory(id_number=resident_id(sequence=123))


def _pages(client, tenant):
    urls = [
        reverse("tenancy:tenant-list"),
        reverse("tenancy:tenant-detail", args=[tenant.pk]),
        reverse("tenancy:tenant-history", args=[tenant.pk]),
    ]
    return [client.get(url).content.decode() for url in urls]


def test_id_numbers_are_masked_for_staff_without_the_permission(client, person, front_desk):
    # given
    client.force_login(front_desk)
    masked = person.id_number[:4] + "*" * 10 + person.id_number[-4:]
    # when
    pages = _pages(client, person)
    # then
    for page in pages:
        assert person.id_number not in page and masked in page


def test_id_numbers_are_shown_to_management(client, person, general_manager):
    client.force_login(general_manager)
    for page in _pages(client, person):
        assert person.id_number in page


def test_id_numbers_are_shown_to_whoever_is_granted_the_permission(client, person, finance_manager):
    # given
    finance_manager.user_permissions.add(Permission.objects.get(codename="view_confidential"))
    client.force_login(finance_manager)
    # when / then
    for page in _pages(client, person):
        assert person.id_number in page


def test_credit_codes_are_never_masked(client, tenant, engineer):
    client.force_login(engineer)
    for page in _pages(client, tenant):
        assert tenant.credit_code in page


# --- contacts -----------------------------------------------------------------------------------------------


def test_contact_add_edit_and_remove_from_the_tenant_page(client, business_manager, tenant):
    # given
    client.force_login(business_manager)
    contact_data = {
        "name": "钱经理",
        "position": "总经理",
        "mobile": "13800138000",
        "email": "qian@example.com",
    }
    # when: added
    client.post(reverse("tenancy:contact-add", args=[tenant.pk]), contact_data)
    contact = Contact.objects.get(tenant=tenant)
    # and edited
    client.post(
        reverse("tenancy:contact-edit", args=[tenant.pk, contact.pk]),
        {**contact_data, "position": "财务总监", "is_primary": "on"},
    )
    contact.refresh_from_db()
    page = client.get(reverse("tenancy:tenant-detail", args=[tenant.pk])).content.decode()
    # and removed
    client.post(reverse("tenancy:contact-remove", args=[tenant.pk, contact.pk]))
    # then
    assert contact.position == "财务总监" and contact.is_primary
    assert "钱经理" in page and "13800138000" in page
    assert not Contact.objects.filter(tenant=tenant).exists()
    history = client.get(reverse("tenancy:tenant-history", args=[tenant.pk])).content.decode()
    assert "钱经理" in history and "财务总监" in history


def test_contact_add_keeps_a_bad_mobile_with_the_message_at_the_field(client, front_desk, tenant):
    # given
    client.force_login(front_desk)
    # when
    response = client.post(
        reverse("tenancy:contact-add", args=[tenant.pk]), {"name": "孙助理", "mobile": "1380013800"}
    )
    # then
    assert any("手机号码" in error for error in field_errors(response, "mobile"))
    assert 'value="1380013800"' in response.content.decode()
    assert not tenant.contacts.exists()


def test_contact_pages_do_not_reach_another_tenants_contact(client, front_desk, tenant, other_tenant):
    # given
    contact = ContactFactory(tenant=other_tenant)
    client.force_login(front_desk)
    # when
    response = client.post(reverse("tenancy:contact-remove", args=[tenant.pk, contact.pk]))
    # then
    assert response.status_code == 404
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_a_staff_user_without_a_role_is_refused(client, tenant):
    client.force_login(UserFactory(username="nobody", is_staff=True))
    assert client.get(reverse("tenancy:tenant-detail", args=[tenant.pk])).status_code == 403
