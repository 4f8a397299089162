"""The portal home of a big tenant: 20 leases, 500 bills and 200 service requests.

Seeds (after ``seed_demo``) a tenant with a portal administrator, hands it 20 of the demo's running leases
and 500 of its bills (made open), and copies 200 tickets onto it; then times its portal home (``portal:home``)
against the Django admin's changelist of its bills, alternately, and counts the home page's queries (at most
12, however much the tenant has). Everything is rolled back at the end, so the benches that follow see the
demo unchanged.
"""

from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.db.models import Case, When
from django.urls import reverse

LEASES = 20
BILLS = 500
TICKETS = 200
QUERY_LIMIT = 12
USERNAME = "bench-portal"


class _Rollback(Exception):
    pass


def run(emit: Callable[[dict[str, Any]], None]) -> None:
    try:
        with transaction.atomic():
            tenant = _seed()
            _measure(emit, tenant)
            raise _Rollback
    except _Rollback:
        pass


def _seed() -> Any:
    from django.contrib.auth import get_user_model

    from billing.models import Bill
    from leasing.models import Lease
    from servicedesk.models import Ticket
    from tenancy.models import Tenant, TenantMembership

    tenant = Tenant.objects.create(name="Bench portal tenant", credit_code="91310000BENCH0001X")
    user = get_user_model().objects.create_user(USERNAME, "bench-portal@example.com", "bench-portal-pass-1")
    TenantMembership.objects.create(user=user, tenant=tenant)
    lease_ids = list(
        Lease.objects.filter(status__in=Lease.RUNNING).order_by("pk").values_list("pk", flat=True)
    )
    lease_ids = lease_ids[:LEASES]
    if len(lease_ids) < LEASES:
        raise RuntimeError(f"the demo has {len(lease_ids)} running leases, {LEASES} wanted")
    # A signed lease's tenant is frozen by a trigger: the seed (rolled back) hands them over without.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        Lease.objects.filter(pk__in=lease_ids).update(tenant=tenant)
    leases = list(Lease.objects.filter(pk__in=lease_ids).order_by("pk"))
    # Bills carry their journal entry: the demo's own bills are handed over (their leases' first), not copied.
    bill_ids = list(
        Bill.objects.order_by(Case(When(lease_id__in=lease_ids, then=0), default=1), "pk").values_list(
            "pk", flat=True
        )[:BILLS]
    )
    if len(bill_ids) < BILLS:
        raise RuntimeError(f"the demo has {len(bill_ids)} bills, {BILLS} wanted")
    with connection.cursor() as cursor:  # an issued bill is frozen too
        Bill.objects.filter(pk__in=bill_ids).update(tenant=tenant, settled_on=None)
        cursor.execute("SET LOCAL session_replication_role = origin")
    ticket = Ticket.objects.order_by("pk").first()
    if ticket is None:
        raise RuntimeError("the demo has no ticket to copy")
    Ticket.objects.bulk_create(_tickets(ticket, tenant, leases))
    return tenant


def _tickets(template: Any, tenant: Any, leases: list[Any]) -> list[Any]:
    from servicedesk.models import Ticket

    statuses = list(Ticket.OPEN_STATUSES) + [Ticket.Status.CLOSED]
    tickets = []
    for n in range(TICKETS):
        lease = leases[n % len(leases)]
        ticket = _copy(template, tenant=tenant, building_id=lease.building_id, unit=None)
        ticket.status = statuses[n % len(statuses)]
        tickets.append(ticket)
    return tickets


def _copy(instance: Any, **values: Any) -> Any:
    """An unsaved copy of a row with some fields changed (generated columns left to the database)."""
    fields = {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if not field.primary_key and not getattr(field, "generated", False)
    }
    copy = type(instance)(**fields)
    for name, value in values.items():
        setattr(copy, name, value)
    return copy


def _measure(emit: Callable[[dict[str, Any]], None], tenant: Any) -> None:
    from bench.pages import ADMIN_USER, _client
    from bench.pages import _measure as measure_pair

    ours, peer = _client(USERNAME), _client(ADMIN_USER)
    peer_url = reverse("admin:billing_bill_changelist") + f"?tenant__id__exact={tenant.pk}"
    result = measure_pair(ours, reverse("portal:home"), peer, peer_url, warmups=3, runs=15, note="")
    note = f"{LEASES} leases, {BILLS} bills, {TICKETS} tickets; peer: the admin changelist of its bills"
    emit(
        {
            "metric": "pages.portal_home.ms",
            "value": round(result.ms, 1),
            "unit": "ms",
            "baseline": round(result.baseline_ms, 1),
            "ratio": round(result.ms / result.baseline_ms, 2),
            "note": note,
        }
    )
    emit(
        {
            "metric": "pages.portal_home.queries",
            "value": result.queries,
            "unit": "queries",
            "baseline": result.baseline_queries,
            "limit": QUERY_LIMIT,
            "note": note,
        }
    )
