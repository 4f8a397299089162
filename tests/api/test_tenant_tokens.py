"""Tenant tokens: obtained with username, password and the second factor where the user has one; they see
exactly the user's own tenant (another tenant's object is 404 on every object URL), report and rate tickets,
read and download bills and statements, ask for a fapiao."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from billing.models import FapiaoRequest
from documents.models import Scope
from servicedesk.models import Category, Ticket

from .conftest import client_with, tenant_client


def _token(client, username: str, password: str, otp: str = "") -> object:
    body = {"username": username, "password": password, **({"otp": otp} if otp else {})}
    return client.post(reverse("api:token"), body, format="json")


def test_a_portal_user_obtains_a_token(world, client):
    from rest_framework.test import APIClient

    one, _two = world
    one.user.set_password("correct horse battery")
    one.user.save()
    response = _token(APIClient(), one.user.username, "correct horse battery")
    assert response.status_code == 201
    listed = client_with(response.json()["token"]).get(reverse("api:portal-bill-list")).json()
    assert [bill["id"] for bill in listed["results"]] == [one.bill.pk]
    wrong = _token(APIClient(), one.user.username, "wrong")
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "authentication_failed"


def test_the_second_factor_is_asked_where_the_user_has_one(world):
    from rest_framework.test import APIClient

    one, _two = world
    one.user.set_password("correct horse battery")
    one.user.save()
    device = TOTPDevice.objects.create(user=one.user, name="phone", confirmed=True)
    without = _token(APIClient(), one.user.username, "correct horse battery")
    assert without.status_code == 401 and "otp" in without.json()["error"]["fields"]
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    assert _token(APIClient(), one.user.username, "correct horse battery", code).status_code == 201


def test_staff_cannot_obtain_a_tenant_token(world, general_manager):
    from rest_framework.test import APIClient

    general_manager.set_password("correct horse battery")
    general_manager.save()
    assert _token(APIClient(), general_manager.username, "correct horse battery").status_code == 401


def test_a_tenant_token_never_passes_as_a_staff_key(world):
    one, _two = world
    response = tenant_client(one.user).get(reverse("api:tenant-list"))
    assert response.status_code == 403


def test_a_staff_key_never_passes_as_a_tenant_token(world, make_key):
    response = client_with(make_key(*Scope.values)).get(reverse("api:portal-bill-list"))
    assert response.status_code == 403


def _portal_object_routes() -> list[tuple[str, str]]:
    """Every ``api:portal-...`` URL taking an object's pk, with its method."""
    routes = []
    resolver = get_resolver()
    api = next(p for p in resolver.url_patterns if isinstance(p, URLResolver) and p.namespace == "api")
    for pattern in api.url_patterns:
        assert isinstance(pattern, URLPattern)
        if pattern.name.startswith("portal-") and "<int:pk>" in str(pattern.pattern):
            view = pattern.callback.view_class
            methods = [m for m in ("get", "post") if hasattr(view, m)]
            routes += [(pattern.name, method) for method in methods]
    return routes


OBJECT_OF = {"bill": "bill", "payment": "payment", "ticket": "ticket"}


def test_tenant_b_gets_404_on_every_object_url_of_tenant_a(world):
    one, two = world
    routes = _portal_object_routes()
    assert len(routes) >= 6
    client = tenant_client(two.user)
    for name, method in routes:
        kind = next(k for k in OBJECT_OF if k in name)
        url = reverse(f"api:{name}", args=[getattr(one, kind).pk])
        response = getattr(client, method)(url, {}, format="json")
        assert response.status_code == 404, (name, method, response.status_code)
        own = reverse(f"api:{name}", args=[getattr(two, kind).pk])
        assert getattr(client, method)(own, {}, format="json").status_code != 404 or method == "post", name
    assert not FapiaoRequest.objects.filter(payment=one.payment).exists()


def test_lists_show_only_the_own_tenant(world):
    one, two = world
    client = tenant_client(one.user)
    for name in ("api:portal-bill-list", "api:portal-payment-list", "api:portal-ticket-list"):
        text = str(client.get(reverse(name)).json())
        assert two.tenant.name not in text
    ids = [t["id"] for t in client.get(reverse("api:portal-ticket-list")).json()["results"]]
    assert ids == [one.ticket.pk]


def test_a_tenant_reports_and_rates_a_ticket(world):
    one, _two = world
    client = tenant_client(one.user)
    body = {
        "kind": "repair",
        "category": Category.objects.first().pk,
        "description": "Light flickering",
        "unit": one.lease.units.first().pk,
    }
    response = client.post(reverse("api:portal-ticket-list"), body, format="json")
    assert response.status_code == 201, response.content
    ticket = Ticket.objects.get(pk=response.json()["id"])
    assert ticket.channel == "portal" and ticket.tenant == one.tenant
    early = client.post(reverse("api:portal-ticket-rate", args=[ticket.pk]), {"rating": 5}, format="json")
    assert early.status_code == 400 and "rating" in early.json()["error"]["fields"]
    Ticket.objects.filter(pk=ticket.pk).update(status=Ticket.Status.RESOLVED, resolved_at=timezone.now())
    rated = client.post(reverse("api:portal-ticket-rate", args=[ticket.pk]), {"rating": 5}, format="json")
    assert rated.status_code == 200 and rated.json()["status"] == "closed"


def test_another_tenants_unit_is_refused(world):
    one, two = world
    body = {
        "kind": "repair",
        "category": Category.objects.first().pk,
        "description": "x",
        "unit": two.lease.units.first().pk,
    }
    response = tenant_client(one.user).post(reverse("api:portal-ticket-list"), body, format="json")
    assert response.status_code == 400 and "unit" in response.json()["error"]["fields"]


def test_bills_and_statements_download_and_a_fapiao_is_asked_once(world):
    one, _two = world
    client = tenant_client(one.user)
    pdf = client.get(reverse("api:portal-bill-pdf", args=[one.bill.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    statement = client.get(reverse("api:portal-statement"), {"start": "2026-01-01", "end": "2026-12-31"})
    assert statement.status_code == 200 and statement.json()["lines"]
    backwards = client.get(reverse("api:portal-statement"), {"start": "2026-12-31", "end": "2026-01-01"})
    assert backwards.status_code == 400 and "end" in backwards.json()["error"]["fields"]
    sheet = client.post(
        reverse("api:portal-statement-pdf"), {"start": "2026-01-01", "end": "2026-12-31"}, format="json"
    )
    assert sheet.status_code == 200 and b"".join(sheet.streaming_content).startswith(b"%PDF")
    url = reverse("api:portal-payment-fapiao", args=[one.payment.pk])
    body = {"title": one.tenant.name, "tax_number": "91310000MA1FL0000X"}
    assert client.post(url, body, format="json").status_code == 201
    again = client.post(url, body, format="json")
    assert again.status_code == 400
    assert FapiaoRequest.objects.filter(payment=one.payment).count() == 1


@pytest.mark.parametrize("field", ["revoked", "inactive"])
def test_a_revoked_token_or_deactivated_account_is_refused(world, field):
    from documents.api.secrets import token_issue
    from documents.models import TenantToken

    one, _two = world
    token, raw = token_issue(user=one.user)
    if field == "revoked":
        TenantToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    else:
        one.user.tenant_membership.deactivated_at = timezone.now()
        one.user.tenant_membership.save()
    assert client_with(raw).get(reverse("api:portal-bill-list")).status_code == 401
