"""Which buildings a management office runs (leasing's fact, ``Building.office``): management only."""

from collections.abc import Iterable
from typing import Any

import pghistory
from django.db import transaction
from django.utils.translation import gettext as _

from documents.errors import DomainError
from tenancy.models import ManagementOffice
from tenancy.offices import office_keeper_check

from ..models import Building


@transaction.atomic
def office_buildings_set(*, office: ManagementOffice, buildings: Iterable[Building], by: Any) -> None:
    """The buildings the office runs from now on. A building runs under one office at a time: given to this
    one, it leaves its former office; one taken away runs under no office (head office sees it) until given
    to another. The head office runs no building: its staff see them all anyway."""
    office_keeper_check(by)
    ids = {building.pk for building in buildings}
    if office.is_head_office and ids:
        raise DomainError(
            _("The head office sees every building: give buildings to the offices."), field="buildings"
        )
    with pghistory.context(office_buildings_set_by=by.pk):
        Building.objects.filter(office=office).exclude(pk__in=ids).update(office=None)
        Building.objects.filter(pk__in=ids).exclude(office=office).update(office=office)
