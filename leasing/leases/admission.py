"""Admission before a lease: a new tenant's lease needs its admitted application (《租赁准入通知书》 not
lapsed), or management's override with a written reason, kept on the lease's timeline.

A current tenant (active: it has signed a lease before) renews and amends without one. Tenancy is lower in
the house, so leasing simply asks it.
"""

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from tenancy.access import has_role
from tenancy.models import Application, Tenant
from tenancy.roles import Role

from ..models import Lease, LeaseEvent

# Who may draft a new tenant's lease without an admitted application (with a reason).
ADMISSION_OVERRIDERS: tuple[str, ...] = (Role.MANAGEMENT,)


def needs_admission(tenant: Any, previous: Lease | None = None) -> bool:
    """A prospect or a former tenant needs admission; a renewal or a current tenant does not."""
    return previous is None and tenant.status != Tenant.Status.ACTIVE


def admission_valid(application: Application | None, tenant: Any, today: date) -> bool:
    """The tenant's approved application whose signing deadline has not passed nor been used."""
    return (
        application is not None
        and application.tenant_id == tenant.pk
        and application.status == Application.Status.APPROVED
        and application.leased_at is None
        and (application.signing_deadline is None or application.signing_deadline >= today)
    )


def admission_of(tenant: Any, today: date) -> Application | None:
    """The tenant's admitted application still open for a lease (the latest decided), or None."""
    return (
        Application.objects.filter(
            tenant=tenant,
            status=Application.Status.APPROVED,
            leased_at__isnull=True,
            signing_deadline__gte=today,
        )
        .order_by("-decided_at", "-pk")
        .first()
    )


def admission_gate(
    *,
    tenant: Any,
    application: Application | None,
    previous: Lease | None,
    override_reason: str,
    by: User | None,
) -> tuple[Application | None, str]:
    """The application a new tenant's lease is drafted from, or management's reason to do without one.

    Returns (application, override note); raises DomainError at the tenant field when neither is there.
    """
    if not needs_admission(tenant, previous):
        return application, ""
    today = timezone.localdate()
    application = application or admission_of(tenant, today)
    if admission_valid(application, tenant, today):
        return application, ""
    reason = (override_reason or "").strip()
    if not reason:
        raise DomainError(
            _(
                "%(tenant)s has no admission in force (an approved application whose signing deadline has "
                "not passed): a lease for a new tenant needs one, or management's override with a reason."
            )
            % {"tenant": tenant.name},
            field="tenant",
        )
    if by is None or not has_role(by, ADMISSION_OVERRIDERS):
        raise DomainError(
            _("Only management may draft a lease without an admission."), field="admission_override_reason"
        )
    return None, reason


def admission_check_at_signing(lease: Lease) -> None:
    """Signing a new tenant's lease needs its admission still in force, or management's recorded override."""
    if not needs_admission(lease.tenant, lease.previous):
        return
    if admission_valid(lease.application, lease.tenant, timezone.localdate()):
        return
    if lease.events.filter(kind=LeaseEvent.Kind.ADMISSION_OVERRIDDEN).exists():
        return
    raise DomainError(
        _(
            "%(tenant)s has no admission in force for this lease (the approval lapsed or was never given): "
            "management may override it on the draft, with a reason."
        )
        % {"tenant": lease.tenant.name}
    )
