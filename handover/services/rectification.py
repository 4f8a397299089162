"""Rectification items: engineering marks a defect fixed; the tenant (in the portal, or at the counter
through the service department) confirms it."""

import json
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from tenancy.access import portal_role_check, require_role
from tenancy.portal_roles import OPERATIONS_ACTORS

from ..models import RectificationItem, Visit
from ..models.sheets import rectification_description
from ..permissions import HANDOVER_STAFF, RECTIFIERS


def _lock(item: RectificationItem, status: str, message: str) -> RectificationItem:
    item = RectificationItem.objects.select_for_update().select_related("visit").get(pk=item.pk)
    if item.status != status:
        raise DomainError(message)
    return item


@transaction.atomic
def rectification_fix(*, item: RectificationItem, note: str, by: User) -> RectificationItem:
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
def rectification_confirm(*, item: RectificationItem, by: User) -> RectificationItem:
    """The tenant accepts the fix: a portal user of the visit's tenant, or the service department for it."""
    membership = None
    if by.is_staff:
        require_role(by, HANDOVER_STAFF)
    else:
        membership = getattr(by, "tenant_membership", None)
        if membership is None:
            raise PermissionDenied
        portal_role_check(by, OPERATIONS_ACTORS)  # not a read-only or finance person of the tenant
    item = _lock(item, RectificationItem.Status.FIXED, _("Only a fixed item can be confirmed."))
    if membership is not None and membership.tenant_id != item.visit.tenant_id:
        raise DomainError(_("This item is not yours to confirm."))
    RectificationItem.LIFECYCLE.move(item, RectificationItem.Status.CONFIRMED)
    item.confirmed_at, item.confirmed_by = timezone.now(), by
    item.save(update_fields=["status", "confirmed_at", "confirmed_by"])
    return item


@dataclass(frozen=True)
class FlaggedItem:
    """An item the sweep flagged: a plain row (thousands are flagged at once, and only the first few of a
    tenant are described in its notice), its description built only when read."""

    COLUMNS: ClassVar[tuple[str, ...]] = (
        "id", "visit_id", "description", "description_key", "description_params", "due_date"
    )  # fmt: skip

    id: int
    visit_id: int
    description: str
    description_key: str
    description_params: Any
    due_date: date
    tenant_id: int

    @property
    def description_shown(self) -> str:
        params = self.description_params
        if isinstance(params, str):  # jsonb comes back decoded, json as text
            params = json.loads(params)
        return rectification_description(self.description, self.description_key, params)


def rectifications_flag_overdue(*, today: date) -> list[FlaggedItem]:
    """Daily: flag every open item past its due date that was not flagged today, in one statement.

    Returns the items flagged (their id, visit, tenant, due date and description), so the caller can tell
    each tenant; a second run on the same day returns nothing. Engineering sees them on its dashboard.
    """
    table, visits = RectificationItem._meta.db_table, Visit._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS r SET overdue_flagged_on = %s FROM {visits} AS v "  # noqa: S608
            "WHERE v.id = r.visit_id AND r.status = %s AND r.due_date < %s "
            "AND (r.overdue_flagged_on IS NULL OR r.overdue_flagged_on < %s) "
            f"RETURNING {', '.join(f'r.{c}' for c in FlaggedItem.COLUMNS)}, v.tenant_id",
            [today, RectificationItem.Status.OPEN, today, today],
        )
        return [FlaggedItem(*row) for row in cursor.fetchall()]
