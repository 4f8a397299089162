"""Rectification items: engineering marks a defect fixed; the tenant (in the portal, or at the counter
through the service department) confirms it."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.errors import DomainError

from ..models import RectificationItem
from ..permissions import HANDOVER_STAFF, RECTIFIERS, require_role


def _lock(item: RectificationItem, status: str, message: str) -> RectificationItem:
    item = RectificationItem.objects.select_for_update().select_related("visit").get(pk=item.pk)
    if item.status != status:
        raise DomainError(message)
    return item


@transaction.atomic
def rectification_fix(*, item: RectificationItem, note: str, by: Any) -> RectificationItem:
    """Engineering fixed the defect and says what it did; the tenant is then asked to confirm."""
    require_role(by, RECTIFIERS)
    if not note.strip():
        raise DomainError(_("Say what was done."), field="fix_note")
    item = _lock(item, RectificationItem.Status.OPEN, _("This item is not open any more."))
    RectificationItem.LIFECYCLE.move(item, RectificationItem.Status.FIXED)
    item.fix_note, item.fixed_at, item.fixed_by = note.strip(), timezone.now(), by
    item.save(update_fields=["status", "fix_note", "fixed_at", "fixed_by"])
    return item


@transaction.atomic
def rectification_confirm(*, item: RectificationItem, by: Any) -> RectificationItem:
    """The tenant accepts the fix: a portal user of the visit's tenant, or the service department for it."""
    membership = None
    if by.is_staff:
        require_role(by, HANDOVER_STAFF)
    else:
        membership = getattr(by, "tenant_membership", None)
        if membership is None:
            raise PermissionDenied
    item = _lock(item, RectificationItem.Status.FIXED, _("Only a fixed item can be confirmed."))
    if membership is not None and membership.tenant_id != item.visit.tenant_id:
        raise DomainError(_("This item is not yours to confirm."))
    RectificationItem.LIFECYCLE.move(item, RectificationItem.Status.CONFIRMED)
    item.confirmed_at, item.confirmed_by = timezone.now(), by
    item.save(update_fields=["status", "confirmed_at", "confirmed_by"])
    return item
