"""The portal's home page: one screen, most urgent first, composed of blocks each app contributes.

tenancy sits below the apps whose news the tenant wants (bills, leases, repairs, fit-out), so it only keeps
the registry: an app registers its block (and the things it waits for the tenant to do) from its
``AppConfig.ready()``, and the home page shows those the person's tenant role may see, in the order of their
urgency. Things waiting for the tenant come from several apps but cost one query: each app gives a queryset of
the same five columns, and the page asks for their union.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, Window
from django.http import HttpRequest
from django.utils.functional import Promise

from documents.models import Notice

from .portal_roles import BILLING_ACTORS, COMPANY_ACTORS, OPERATIONS_ACTORS, PORTAL_EVERYONE

# How many things waiting for the tenant the home page lists before "see all", and how many letters.
WAITING_SHOWN = 8
NOTICES_SHOWN = 5


@dataclass(frozen=True)
class HomeBlock:
    """A block on the portal home: ``context(request)`` returns the template's context (``None`` hides it).

    ``order`` puts the most urgent first (money due 10, waiting 20, notices 30, requests 40, leases 50...).
    """

    key: str
    order: int
    template: str
    context: Callable[[HttpRequest], dict[str, Any] | None]
    roles: tuple[str, ...] = PORTAL_EVERYONE


@dataclass(frozen=True)
class WaitingItem:
    """One thing the tenant should do, with the button that does it."""

    label: str | Promise
    reference: str
    url: str
    button: str | Promise
    building: str = ""
    due: date | None = None


@dataclass(frozen=True)
class WaitingSource:
    """An app's things waiting for the tenant.

    ``rows(tenant)`` returns a queryset of ``values_list`` with exactly these columns, in this order:
    ``kind`` (text), ``pk`` (integer), ``reference`` (text), ``building`` (text), ``due`` (date or NULL);
    ``item(pk, reference, building, due)`` turns a row into a ``WaitingItem``.
    """

    kind: str
    rows: Callable[[Any], QuerySet]
    item: Callable[[int, str, str, date | None], WaitingItem]
    roles: tuple[str, ...] = PORTAL_EVERYONE


@dataclass
class Registry:
    blocks: dict[str, HomeBlock] = field(default_factory=dict)
    waiting: dict[str, WaitingSource] = field(default_factory=dict)

    def register(self, block: HomeBlock) -> None:
        self.blocks[block.key] = block

    def register_waiting(self, source: WaitingSource) -> None:
        self.waiting[source.kind] = source

    def blocks_for(self, role: str) -> list[HomeBlock]:
        return sorted((b for b in self.blocks.values() if role in b.roles), key=lambda b: (b.order, b.key))

    def waiting_for(self, tenant: Any, role: str) -> list[WaitingItem]:
        """The things waiting for the tenant that this role may act on, earliest due first, in one query."""
        sources = [source for source in self.waiting.values() if role in source.roles]
        if not sources:
            return []
        querysets = [source.rows(tenant)[:WAITING_SHOWN] for source in sources]
        union = querysets[0].union(*querysets[1:], all=True) if len(querysets) > 1 else querysets[0]
        rows = sorted(union, key=lambda row: (row[4] is None, row[4] or date.max, row[0], row[1]))
        return [self.waiting[kind].item(pk, ref, building, due) for kind, pk, ref, building, due in rows]


PORTAL_HOME = Registry()


def _waiting_context(request: HttpRequest) -> dict[str, Any]:
    role = request.user.tenant_membership.role  # type: ignore[union-attr]
    items = PORTAL_HOME.waiting_for(request.tenant, role)  # type: ignore[attr-defined]
    return {"items": items[:WAITING_SHOWN], "more": len(items) > WAITING_SHOWN}


def _inbox_context(request: HttpRequest) -> dict[str, Any]:
    """The latest letters in the tenant's inbox, with how many are unread, in one query."""
    notices = list(
        Notice.objects.filter(tenant=request.tenant)  # type: ignore[attr-defined]
        .annotate(unread=Window(Count("pk", filter=Q(read_at__isnull=True))))
        .order_by("-created_at", "-pk")[:NOTICES_SHOWN]
    )
    return {"notices": notices, "unread": notices[0].unread if notices else 0}


def _company_context(request: HttpRequest) -> dict[str, Any]:
    """The company's contact people as the building's file has them."""
    return {"contacts": list(request.tenant.contacts.all())}  # type: ignore[attr-defined]


PORTAL_HOME.register(HomeBlock("waiting", 20, "portal/home/_waiting.html", _waiting_context))
PORTAL_HOME.register(HomeBlock("company", 80, "portal/home/_company.html", _company_context))
PORTAL_HOME.register(HomeBlock("inbox", 60, "portal/home/_inbox.html", _inbox_context))


def _actions_context(request: HttpRequest) -> dict[str, Any]:
    role = request.user.tenant_membership.role  # type: ignore[union-attr]
    return {
        "operations": role in OPERATIONS_ACTORS,
        "finance": role in BILLING_ACTORS,
        "company": role in COMPANY_ACTORS,
    }


PORTAL_HOME.register(HomeBlock("actions", 70, "portal/home/_actions.html", _actions_context))


def buildings_named(names: Iterable[str]) -> bool:
    """True when the tenant rents in more than one building, so each line says which."""
    return len({name for name in names if name}) > 1
