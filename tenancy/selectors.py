"""Read-side queries for tenants: the list, one tenant's page, its history, and what a user may see of it."""

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from documents.actors import AnyUser
from documents.models import Document

from .access import can_see_confidential
from .history import HistoryEntry, object_history
from .models import Contact, Tenant, TenantMembership
from .validators import mask_id_number


def dashboard_counts() -> dict[str, QuerySet]:
    """Active tenants and prospects (one count per status)."""
    shown = Tenant.objects.filter(status__in=[Tenant.Status.ACTIVE, Tenant.Status.PROSPECT])
    return {"status": shown.values("status").annotate(n=Count("pk"))}


def dashboard_cards(counts: Mapping[str, Any]) -> list[dict]:
    url = reverse("tenancy:tenant-list")
    active, prospects = (counts["status"].get(s, 0) for s in (Tenant.Status.ACTIVE, Tenant.Status.PROSPECT))
    return [
        {"label": _("Active tenants"), "value": active, "url": f"{url}?status=active", "icon": "people"},
        {"label": _("Prospects"), "value": prospects, "url": f"{url}?status=prospect", "icon": "person-plus"},
    ]


def tenant_list() -> QuerySet[Tenant]:
    """Tenants with their primary contact's name and mobile, in one query however many rows are shown."""
    primary = Contact.objects.filter(tenant=OuterRef("pk"), is_primary=True)
    return Tenant.objects.annotate(
        primary_contact_name=Subquery(primary.values("name")[:1]),
        primary_contact_mobile=Subquery(primary.values("mobile")[:1]),
    ).order_by("name", "pk")


def tenant_search(queryset: QuerySet[Tenant], text: str) -> QuerySet[Tenant]:
    """Match the tenant's name or credit code, or the name or mobile of any of its contacts."""
    text = text.strip()
    if not text:
        return queryset
    contacts = Contact.objects.filter(tenant=OuterRef("pk")).filter(
        Q(name__icontains=text) | Q(mobile__contains=text.replace(" ", ""))
    )
    return queryset.filter(
        Q(name__icontains=text) | Q(credit_code__icontains=text.replace(" ", "")) | Exists(contacts)
    )


def tenant_page_queryset() -> QuerySet[Tenant]:
    """Tenants with their contacts and portal accounts (and their users) loaded, for one tenant's page."""
    memberships = TenantMembership.objects.select_related("user", "invited_by").order_by(
        "deactivated_at", "user__username"
    )
    return Tenant.objects.prefetch_related("contacts", Prefetch("memberships", queryset=memberships))


def tenant_with_identifier(*, field: str, value: str, exclude_pk: int | None = None) -> Tenant | None:
    """The tenant that already holds this credit code or ID number (``field``), other than ``exclude_pk``."""
    if field not in ("credit_code", "id_number") or not value:
        return None
    others = Tenant.objects.filter(**{field: value})
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return others.only("name").first()


def identifier_for(tenant: Tenant, user: AnyUser) -> str:
    """The identifier as ``user`` may see it: ID numbers are masked without the confidential permission."""
    if tenant.kind == Tenant.Kind.PERSON and not can_see_confidential(user):
        return mask_id_number(tenant.id_number)
    return tenant.identifier


def tenant_documents(tenant: Tenant) -> QuerySet[Document]:
    """The tenant's documents, newest first, with who created them."""
    return Document.objects.filter(tenant=tenant).select_related("created_by").order_by("-created_at", "-pk")


def tenant_history(tenant: Tenant, *, user: AnyUser) -> list[HistoryEntry]:
    """Changes of the tenant, its contacts and its portal accounts (deleted ones too), newest first.

    ID numbers in the changes are masked for ``user`` unless they may see confidential data.
    """
    own = object_history(tenant)
    entries = own if can_see_confidential(user) else [_masked(entry) for entry in own]
    for contact_id, name in _tracked_ids("tenancy.ContactEvent", tenant, "name").items():
        label = _("Contact %(name)s") % {"name": name}
        entries += [_about(entry, label) for entry in object_history(Contact(pk=contact_id))]
    for membership_id, username in _tracked_ids(
        "tenancy.TenantMembershipEvent", tenant, "user__username"
    ).items():
        label = _("Portal account %(name)s") % {"name": username}
        entries += [_about(entry, label) for entry in object_history(TenantMembership(pk=membership_id))]
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


def _tracked_ids(event_model: str, tenant: Tenant, label_path: str) -> dict[int, str]:
    """Ids of every tracked row that belonged to ``tenant`` (read from its events, so deleted rows count).

    Each id comes with the label of its latest event (a contact's name, an account's username).
    """
    rows = (
        apps.get_model(event_model)
        .objects.filter(tenant_id=tenant.pk)
        .order_by("pgh_id")
        .values_list("pgh_obj_id", label_path)
    )
    return {obj_id: label or str(obj_id) for obj_id, label in rows}


def _about(entry: HistoryEntry, label: str) -> HistoryEntry:
    """Name the contact or account an entry is about, and drop the tenant link that every such row repeats."""
    tenant_label = str(Contact._meta.get_field("tenant").verbose_name)
    user_label = str(TenantMembership._meta.get_field("user").verbose_name)
    changes = [change for change in entry.changes if change[0] not in (tenant_label, user_label)]
    return replace(entry, action=f"{entry.action} · {label}", changes=changes)


def _masked(entry: HistoryEntry) -> HistoryEntry:
    id_label = str(Tenant._meta.get_field("id_number").verbose_name)
    changes = [
        (label, _mask_shown(old), _mask_shown(new)) if label == id_label else (label, old, new)
        for label, old, new in entry.changes
    ]
    return replace(entry, changes=changes)


def _mask_shown(value: Any) -> Any:
    return mask_id_number(value) if isinstance(value, str) and value != "—" else value


def approved_applications_without_lease() -> Any:
    """For leasing: approved applications whose lease is not signed yet (see ``tenancy.intake.selectors``)."""
    from .intake.selectors import approved_applications_without_lease as selector

    return selector()


def credit_grade(tenant_id: int) -> Any:
    """The tenant's latest credit assessment (``.grade`` A, B or C), or None: for lease pages and billing."""
    from .intake.selectors import latest_grade

    return latest_grade(tenant_id)
