"""Before the keys of a move-in: whose identity was checked, what the gate still refuses, and
management's override with its reason (both recorded on the visit and shown on its page)."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from documents.models import Document
from tenancy.access import require_role
from tenancy.document_kinds import AUTHORISATION_LETTER
from tenancy.roles import Role

from ..gates import KEYS_HANDED_OVER
from ..models import Visit
from ..permissions import HANDOVER_STAFF
from .common import visit_lock_open

KEYS_OVERRIDERS: tuple[str, ...] = (Role.MANAGEMENT,)


def identity_missing(visit: Visit) -> str:
    """The refusal while nobody has recorded whose identity was checked; "" once recorded."""
    if visit.identity_kind:
        return ""
    return _(
        "Record whose identity was checked: the signer's ID document or an agent's authorisation letter."
    )


def keys_still_due(visit: Visit) -> list[str]:
    """What stops the key sheet of a move-in from being signed now (the identity check, then the gate)."""
    if visit.kind != Visit.Kind.MOVE_IN:
        return []
    missing = identity_missing(visit)
    return ([missing] if missing else []) + KEYS_HANDED_OVER.refusals(lease=visit.lease)


def authorisation_letters(visit: Visit) -> Any:
    """The authorisation letters filed in the tenant's dossier, newest first."""
    return Document.objects.filter(tenant_id=visit.tenant_id, kind=AUTHORISATION_LETTER).order_by("-pk")


@transaction.atomic
def visit_identity_record(
    *,
    visit: Visit,
    name: str,
    by: User,
    document_type: str = "",
    document_number: str = "",
    letter_id: int | None = None,
) -> Visit:
    """Record who signs for the tenant and how they were checked: an ID document or a filed letter."""
    require_role(by, HANDOVER_STAFF)
    visit = visit_lock_open(visit)
    if not name.strip():
        raise DomainError(_("Enter the name of the person signing."), field="name")
    if letter_id is not None:
        if not authorisation_letters(visit).filter(pk=letter_id).exists():
            raise DomainError(
                _("Choose an authorisation letter filed in the tenant's dossier."), field="letter"
            )
        kind, document_type, document_number = Visit.IdentityKind.AUTHORISATION, "", ""
    else:
        if document_type not in Visit.IdDocumentType.values:
            raise DomainError(_("Choose the type of the ID document."), field="document_type")
        if not document_number.strip():
            raise DomainError(_("Enter the number of the ID document."), field="document_number")
        kind = Visit.IdentityKind.ID_DOCUMENT
    visit.identity_kind, visit.identity_name = kind, name.strip()
    visit.identity_document_type, visit.identity_document_number = document_type, document_number.strip()
    visit.identity_letter_id, visit.identity_checked_by = letter_id, by
    visit.identity_checked_at = timezone.now()
    visit.save()
    return visit


@transaction.atomic
def visit_keys_override(*, visit: Visit, reason: str, by: User) -> Visit:
    """Management lets the keys go although the gate refuses, and says why (kept on the visit)."""
    require_role(by, KEYS_OVERRIDERS)
    visit = visit_lock_open(visit)
    if visit.kind != Visit.Kind.MOVE_IN:
        raise DomainError(_("Only a move-in's keys wait for payment."))
    if not reason.strip():
        raise DomainError(_("Say why the keys may be handed over before payment."), field="reason")
    refusals = KEYS_HANDED_OVER.refusals(lease=visit.lease)
    if not refusals:
        raise DomainError(_("Nothing is due: the keys need no override."))
    visit.keys_override_reason = f"{reason.strip()} ({' '.join(refusals)})"
    visit.keys_override_by, visit.keys_override_at = by, timezone.now()
    visit.save(update_fields=["keys_override_reason", "keys_override_by", "keys_override_at"])
    return visit


def keys_gate_check(visit: Visit) -> None:
    """A move-in's key sheet: the identity recorded, and the gate agrees or management overrode it."""
    if visit.kind != Visit.Kind.MOVE_IN:
        return
    missing = identity_missing(visit)
    if missing:
        raise DomainError(missing)
    refusals = KEYS_HANDED_OVER.refusals(lease=visit.lease)
    if refusals and visit.keys_override_at is None:
        raise DomainError(" ".join(refusals))
