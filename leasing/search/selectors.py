"""Staff search: tenants, units, leases and documents matching the terms, each limited to what the
searcher may open.

Every query uses an expression an index serves (see ``tenancy`` migration 0005 and ``leasing`` 0007, and
``documents.models.SEARCH_VECTOR``): full-text with the ``simple`` configuration for words, trigrams on the
upper-cased text for substrings (Chinese names are not segmented into words), and the unique btree indexes
for exact credit codes, ID numbers, lease and document numbers.
"""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchVector
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from documents.access import staff_downloadable
from documents.actors import AnyUser
from documents.models import SEARCH_VECTOR, Document
from tenancy.access import can_see_archive, can_see_confidential, has_role
from tenancy.models import Tenant
from tenancy.roles import ALL_STAFF
from tenancy.scope import scope, tenant_scope

from ..leases.permissions import LEASE_VIEWERS
from ..models import Lease, Unit
from .query import SearchTerms

PER_TYPE = 10
# Who may open each result type's page: the roles of its detail view (``tenancy:tenant-detail``,
# ``leasing:unit-detail``, ``leasing:lease-detail``; documents open through ``documents:download``, which
# any staff member may use, confidential ones with the permission).
TYPE_ROLES: dict[str, tuple[str, ...]] = {
    "tenants": ALL_STAFF,
    "units": ALL_STAFF,
    "leases": LEASE_VIEWERS,
    "documents": ALL_STAFF,
}
TENANT_NAME_VECTOR = SearchVector("name", config="simple")


@dataclass
class Found:
    """Up to ``PER_TYPE`` results of one type; ``more`` when there were others."""

    items: list[Any] = field(default_factory=list)
    more: bool = False


@dataclass
class SearchResults:
    tenants: Found | None = None
    units: Found | None = None
    leases: Found | None = None
    documents: Found | None = None

    @property
    def count(self) -> int:
        groups = (self.tenants, self.units, self.leases, self.documents)
        return sum(len(group.items) for group in groups if group)


def _found(queryset: QuerySet) -> Found:
    rows = list(queryset[: PER_TYPE + 1])
    return Found(items=rows[:PER_TYPE], more=len(rows) > PER_TYPE)


def staff_search(*, terms: SearchTerms, user: AnyUser) -> SearchResults:
    """One query per result type the user may open; a type the user may not open is not searched at all."""
    results = SearchResults()
    searches = {
        "tenants": tenants_matching,
        "units": units_matching,
        "leases": leases_matching,
        "documents": documents_matching,
    }
    for name, search in searches.items():
        if has_role(user, TYPE_ROLES[name]):
            setattr(results, name, _found(search(terms=terms, user=user)))
    return results


def tenants_matching(*, terms: SearchTerms, user: AnyUser) -> QuerySet[Tenant]:
    """By name (words, or any part of it) or exact credit code; a person's ID number only for those who
    may see confidential data."""
    exact = Q(credit_code=terms.code)
    if can_see_confidential(user):
        exact |= Q(id_number=terms.code)
    match = exact | Q(name__icontains=terms.text)
    query = terms.full_text()
    tenants = tenant_scope(Tenant.objects.all(), user)  # the tenants of the user's buildings
    if query is not None:
        tenants = tenants.annotate(search=TENANT_NAME_VECTOR)
        match |= Q(search=query)
    return (
        tenants.filter(match)
        .annotate(rank=_rank(exact, Q(name__istartswith=terms.text)))
        .order_by("rank", "name", "pk")
    )


def units_matching(*, terms: SearchTerms, user: AnyUser) -> QuerySet[Unit]:
    """By any part of the unit code."""
    units = scope(Unit.objects.filter(code__icontains=terms.text), user, "building")
    units = units.select_related("building", "floor")
    rank = _rank(Q(code__iexact=terms.text), Q(code__istartswith=terms.text))
    return units.annotate(rank=rank).order_by("rank", "building__code", "code")


def leases_matching(*, terms: SearchTerms, user: AnyUser) -> QuerySet[Lease]:
    """By the lease number (exact or any part of it)."""
    leases = scope(Lease.objects.filter(number__icontains=terms.text), user, "building")
    leases = leases.select_related("tenant", "building")
    rank = _rank(Q(number=terms.code), Q(number__istartswith=terms.text))
    return leases.annotate(rank=rank).order_by("rank", "-start_date", "pk")


def documents_matching(*, terms: SearchTerms, user: AnyUser) -> QuerySet[Document]:
    """By words of the number or title (prefixes), or the exact number; only those the role may download
    (``documents.access``), archived tenants' only for those who may see the archive."""
    match = Q(number=terms.code)
    query = terms.full_text()
    documents = Document.objects.all()
    if query is not None:
        documents = documents.annotate(search=SEARCH_VECTOR)
        match |= Q(search=query)
    # Only what this role may open (confidential ones with the permission, each kind to its roles).
    documents = staff_downloadable(user=user, documents=documents.filter(match))
    if not can_see_archive(user):
        documents = documents.exclude(tenant__in=archived_tenants())
    rank = _rank(Q(number=terms.code), Q(number__istartswith=terms.text))
    return documents.select_related("tenant").annotate(rank=rank).order_by("rank", "-created_at", "-pk")


def archived_tenants() -> QuerySet[Tenant, dict[str, Any]]:
    """Tenants whose dossier is archived (moved out), or marked archived."""
    return Tenant.objects.filter(Q(status=Tenant.Status.ARCHIVED) | Q(dossier_archive__isnull=False)).values(
        "pk"
    )


def _rank(first: Q, second: Q) -> Case:
    """0 for an exact match, 1 for one that starts with the text, 2 for the rest."""
    return Case(
        When(first, then=Value(0)), When(second, then=Value(1)), default=Value(2), output_field=IntegerField()
    )
