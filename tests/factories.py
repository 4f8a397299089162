"""Shared factories: users for each role (head office unless given offices), tenants with contacts and portal
accounts, management offices."""

from typing import Any

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from stdnum.cn import ric, uscc

from tenancy.models import Contact, ManagementOffice, StaffOffice, Tenant, TenantMembership
from tenancy.roles import CONFIDENTIAL_PERMISSION, Role

PASSWORD = "correct-horse-battery-9"


def make_credit_code(n: int) -> str:
    """A valid unified social credit code (check digit computed by python-stdnum)."""
    body = f"91310000{n:09d}"[:17]
    return body + uscc.calc_check_digit(body)


def make_resident_id(n: int) -> str:
    """A valid resident ID: Shanghai Huangpu, born 1985-06-15, sequence n, check digit computed."""
    body = f"31010119850615{n % 1000:03d}"
    # stdnum expects a placeholder where the check digit goes.
    return body + ric.calc_check_digit(body + "0")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if extracted:
            self.is_staff = True
            self.groups.add(*(role_group(role) for role in extracted))
        self.save()

    @factory.post_generation
    def offices(self, create: bool, extracted: list[Any] | None, **kwargs: object) -> None:
        """Staff join the given management offices; without ``offices=`` they are head office (see all)."""
        if not self.is_staff or (extracted is None and self.staff_offices.exists()):
            return
        for office in head_office() if extracted is None else extracted:
            StaffOffice.objects.get_or_create(user=self, office=office)


def staff(role: str = Role.FRONT_DESK) -> Any:
    """A staff member holding one role (the front desk unless told): the one helper every test uses."""
    return UserFactory(roles=[role])


def head_office() -> list[ManagementOffice]:
    """The head office as the migration makes it (transactional tests flush data migrations)."""
    office = ManagementOffice.objects.filter(is_head_office=True).first()
    if office is None:
        office = ManagementOffice.objects.create(name="总部", code="HQ", is_head_office=True)
    return [office]


def role_group(role: str) -> Group:
    """The role's group as the migration makes it (transactional tests flush data migrations)."""
    group, created = Group.objects.get_or_create(name=role)
    if created and role == Role.MANAGEMENT:
        app_label, codename = CONFIDENTIAL_PERMISSION.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group


class TenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenant

    kind = Tenant.Kind.COMPANY
    name = factory.Sequence(lambda n: f"上海示例科技有限公司{n}")
    credit_code = factory.Sequence(make_credit_code)
    legal_representative = "张三"
    phone = "021-55550000"
    email = factory.Sequence(lambda n: f"office{n}@tenant.example.com")


class PersonTenantFactory(TenantFactory):
    """A person, with a resident ID that python-stdnum accepts (and no company's legal representative)."""

    kind = Tenant.Kind.PERSON
    name = factory.Sequence(lambda n: f"李四{n}")
    credit_code = ""
    legal_representative = ""
    id_number = factory.Sequence(make_resident_id)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    tenant = factory.SubFactory(TenantFactory)
    name = factory.Sequence(lambda n: f"王经理{n}")
    position = "行政经理"
    mobile = factory.Sequence(lambda n: f"139{n:08d}")
    email = factory.Sequence(lambda n: f"contact{n}@tenant.example.com")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TenantMembership

    user = factory.SubFactory(UserFactory)
    tenant = factory.SubFactory(TenantFactory)


class OfficeFactory(factory.django.DjangoModelFactory):
    """A management office running no building until buildings are given to it (``Building.office``)."""

    class Meta:
        model = ManagementOffice

    name = factory.Sequence(lambda n: f"第{n}管理处")
    code = factory.Sequence(lambda n: f"O{n}")
