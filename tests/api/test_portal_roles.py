"""A tenant token does what its portal user's role at the tenant allows, as the portal pages do: read-only
people report no repairs and ask for no fapiao, finance people see no repairs, operations people no bills;
the services refuse the same."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from billing.models import FapiaoRequest
from billing.services.payments import fapiao_request
from servicedesk.models import Category, Ticket
from servicedesk.services import ticket_create
from tenancy.models.tenants import PortalRole

from .conftest import tenant_client

pytestmark = pytest.mark.django_db


def _as(side, role: str):
    membership = side.user.tenant_membership
    membership.role = role
    membership.save(update_fields=["role"])
    return tenant_client(side.user)


def _report(client, side):
    body = {
        "kind": "repair",
        "category": Category.objects.first().pk,
        "description": "Light flickering",
        "unit": side.lease.units.first().pk,
    }
    return client.post(reverse("api:portal-ticket-list"), body, format="json")


def _fapiao(client, side):
    body = {"title": side.tenant.name, "tax_number": "91310000MA1FL0000X"}
    return client.post(reverse("api:portal-payment-fapiao", args=[side.payment.pk]), body, format="json")


def test_a_read_only_token_reads_but_reports_no_ticket_and_asks_no_fapiao(world):
    one, _two = world
    # given
    client = _as(one, PortalRole.READ_ONLY)
    # when / then: it reads what the portal shows it
    assert client.get(reverse("api:portal-ticket-list")).status_code == 200
    assert client.get(reverse("api:portal-bill-list")).status_code == 200
    # but may not write
    refused = _report(client, one)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "permission_denied"
    assert _fapiao(client, one).status_code == 403
    rate = client.post(reverse("api:portal-ticket-rate", args=[one.ticket.pk]), {"rating": 5}, format="json")
    assert rate.status_code == 403
    assert not Ticket.objects.filter(channel=Ticket.Channel.PORTAL).exists()
    assert not FapiaoRequest.objects.exists()


def test_a_finance_token_sees_no_repairs_but_handles_bills(world):
    one, _two = world
    client = _as(one, PortalRole.FINANCE)
    assert client.get(reverse("api:portal-ticket-list")).status_code == 403
    assert client.get(reverse("api:portal-ticket-detail", args=[one.ticket.pk])).status_code == 403
    assert _report(client, one).status_code == 403
    assert client.get(reverse("api:portal-bill-list")).status_code == 200
    assert _fapiao(client, one).status_code == 201


def test_an_operations_token_reports_repairs_but_sees_no_bills(world):
    one, _two = world
    client = _as(one, PortalRole.OPERATIONS)
    assert _report(client, one).status_code == 201
    for name in ("api:portal-bill-list", "api:portal-payment-list", "api:portal-statement"):
        assert client.get(reverse(name)).status_code == 403, name
    assert client.get(reverse("api:portal-bill-pdf", args=[one.bill.pk])).status_code == 403
    assert _fapiao(client, one).status_code == 403


def test_the_services_refuse_the_same_roles(world):
    one, _two = world
    membership = one.user.tenant_membership
    membership.role = PortalRole.READ_ONLY
    membership.save(update_fields=["role"])
    with pytest.raises(PermissionDenied):
        fapiao_request(payment=one.payment, title="x", tax_number="91310000MA1FL0000X", by=one.user)
    with pytest.raises(PermissionDenied):
        ticket_create(
            by=one.user,
            tenant=one.tenant,
            kind=Ticket.Kind.REPAIR,
            channel=Ticket.Channel.PORTAL,
            category=Category.objects.first(),
            description="x",
            building=one.building,
        )


def _portal_views() -> list[tuple[str, type]]:
    resolver = get_resolver()
    api = next(p for p in resolver.url_patterns if isinstance(p, URLResolver) and p.namespace == "api")
    return [
        (pattern.name, pattern.callback.view_class)
        for pattern in api.url_patterns
        if isinstance(pattern, URLPattern) and pattern.name.startswith("portal-")
    ]


def test_every_tenant_view_names_the_portal_roles_that_may_call_it():
    views = _portal_views()
    assert len(views) >= 10
    for name, view in views:
        assert set(view.portal_roles) <= set(PortalRole.values), name
        assert view.portal_roles, f"{name} names no portal role: no token may call it"
