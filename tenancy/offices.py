"""Keeping management offices and their members (management only): the verbs tenancy owns.

Which buildings an office runs is leasing's fact (``Building.office``), kept by ``leasing.offices``.
"""

from collections.abc import Iterable
from typing import Any

import pghistory
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from documents.errors import DomainError

from .access import has_role
from .models import ManagementOffice, StaffOffice
from .roles import Role
from .scope import building_ids

OFFICE_KEEPERS: tuple[str, ...] = (Role.MANAGEMENT,)


def office_keeper_check(by: Any) -> None:
    """Only head-office management keeps offices: a manager of one office does not hand himself another
    office's buildings (the views check the same)."""
    if by is None or not has_role(by, OFFICE_KEEPERS) or building_ids(by) is not None:
        raise PermissionDenied(_("Only head-office management keeps the management offices."))


@transaction.atomic
def office_save(
    *, office: ManagementOffice | None, name: str, code: str, issuing_name: str, by: Any
) -> ManagementOffice:
    """Create an office, or rename one: its name and code are unique; the head office stays head office."""
    office_keeper_check(by)
    name, code = name.strip(), code.strip().upper()
    others = ManagementOffice.objects.exclude(pk=office.pk) if office else ManagementOffice.objects.all()
    if not name or not code:
        raise DomainError(_("Give the office a name and a short code."), field="name" if not name else "code")
    if others.filter(name=name).exists():
        raise DomainError(_("Another office already has this name."), field="name")
    if others.filter(code=code).exists():
        raise DomainError(_("Another office already uses this code."), field="code")
    office = office or ManagementOffice()
    office.name, office.code, office.issuing_name = name, code, issuing_name.strip()
    with pghistory.context(office_saved_by=by.pk):
        office.save()
    return office


@transaction.atomic
def office_members_set(*, office: ManagementOffice, users: Iterable[Any], by: Any) -> None:
    """The office's staff from now on: staff users only; leaving an office removes only that membership."""
    office_keeper_check(by)
    wanted = {user.pk: user for user in users}
    if any(not user.is_staff for user in wanted.values()):
        raise DomainError(_("Only staff accounts belong to an office."), field="members")
    with pghistory.context(office_members_set_by=by.pk):
        StaffOffice.objects.filter(office=office).exclude(user_id__in=wanted).delete()
        present = set(StaffOffice.objects.filter(office=office).values_list("user_id", flat=True))
        StaffOffice.objects.bulk_create(
            [StaffOffice(office=office, user_id=pk) for pk in wanted if pk not in present]
        )
