"""A tenant is never made active by hand: created as a prospect (the form offers no status, the service
refuses one), it becomes active through its first signed lease."""

import pytest
from django.urls import reverse

from documents.errors import DomainError
from tenancy import services
from tenancy.models import Tenant
from tests.factories import TenantFactory, make_credit_code

pytestmark = pytest.mark.django_db


def test_a_new_tenant_is_a_prospect(front_desk):
    # when
    tenant = services.tenant_create(
        by=front_desk, kind="company", name="上海乙公司", credit_code=make_credit_code(91)
    )
    # then
    tenant.refresh_from_db()
    assert tenant.status == Tenant.Status.PROSPECT


def test_the_service_refuses_a_tenant_created_active(front_desk):
    # when / then
    with pytest.raises(DomainError) as error:
        services.tenant_create(
            by=front_desk,
            kind="company",
            name="上海丙公司",
            credit_code=make_credit_code(92),
            status="active",
        )
    assert error.value.field == "status"
    assert not Tenant.objects.exists()


def test_the_create_and_edit_forms_offer_no_status(client, front_desk):
    # given
    prospect = TenantFactory(status=Tenant.Status.PROSPECT)
    client.force_login(front_desk)
    # when
    create = client.get(reverse("tenancy:tenant-create"))
    edit = client.get(reverse("tenancy:tenant-edit", args=[prospect.pk]))
    # then
    assert "status" not in create.context["form"].fields
    assert "status" not in edit.context["form"].fields
    assert 'name="status"' not in create.content.decode() + edit.content.decode()
