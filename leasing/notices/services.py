"""Publishing a building notice: each tenant with a live lease in the audience gets it as an inbox letter."""

from datetime import date

import pghistory
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from documents.actors import User
from documents.errors import DomainError
from documents.models import Notice
from documents.services import notices_send_many
from tenancy.access import require_role
from tenancy.models import Tenant
from tenancy.roles import Role
from tenancy.scope import building_ids

from ..models import Building, BuildingNotice, Floor, Lease, LeaseUnit

# The front desk and management speak to the tenants for the building.
NOTICE_PUBLISHERS: tuple[str, ...] = (Role.FRONT_DESK, Role.MANAGEMENT)


def audience_tenants(
    *, audience: str, building: Building | None, floor: Floor | None, today: date
) -> QuerySet[Tenant]:
    """The tenants a notice reaches: those with a live lease holding a unit in the building or on the floor
    today (every building: any live lease), each once."""
    held = LeaseUnit.objects.filter(lease__status__in=Lease.LIVE, blocking=True, end_date__gte=today)
    if audience == BuildingNotice.Audience.BUILDING:
        held = held.filter(unit__building=building)
    elif audience == BuildingNotice.Audience.FLOOR:
        held = held.filter(unit__floor=floor)
    return Tenant.objects.filter(pk__in=held.values("lease__tenant_id")).prefetch_related("contacts")


def _check(
    *,
    title: str,
    body: str,
    audience: str,
    building: Building | None,
    floor: Floor | None,
    valid_from: date | None,
    valid_until: date | None,
) -> None:
    if not title.strip():
        raise DomainError(_("Give the notice a title."), field="title")
    if not body.strip():
        raise DomainError(_("Write what the tenants should know."), field="body")
    if audience not in BuildingNotice.Audience.values:
        raise DomainError(_("Choose who the notice is for."), field="audience")
    if audience in (BuildingNotice.Audience.BUILDING, BuildingNotice.Audience.FLOOR) and building is None:
        raise DomainError(_("Choose the building the notice is for."), field="building")
    if audience == BuildingNotice.Audience.FLOOR and (floor is None or floor.building_id != building.pk):  # type: ignore[union-attr]
        raise DomainError(_("Choose a floor of that building."), field="floor")
    if valid_from is None or valid_until is None:
        raise DomainError(_("Give the period the notice is valid."), field="valid_until")
    if valid_until < valid_from:
        raise DomainError(_("The notice cannot end before it starts."), field="valid_until")


def _check_office(*, by: User, audience: str, building: Building | None) -> None:
    """Office staff publish only to their own buildings; a notice to every building is the head office's."""
    ids = building_ids(by)
    if ids is None:
        return
    if audience == BuildingNotice.Audience.ALL:
        raise DomainError(_("Only head office publishes a notice to every building."), field="audience")
    if building is not None and building.pk not in ids:
        raise DomainError(_("Choose one of your office's buildings."), field="building")


def building_notice_publish(
    *,
    by: User,
    title: str,
    body: str,
    audience: str,
    valid_from: date,
    valid_until: date,
    urgent: bool = False,
    building: Building | None = None,
    floor: Floor | None = None,
    today: date | None = None,
) -> BuildingNotice:
    """The front desk or management publish a notice to the tenants of a building, a floor or every
    building: each tenant reached gets it in its portal inbox (and by e-mail: its address, its contacts and
    the people who chose building notices). A notice that reaches no tenant is refused at the audience."""
    require_role(by, NOTICE_PUBLISHERS)
    _check_office(by=by, audience=audience, building=building)
    if audience == BuildingNotice.Audience.ALL:
        building = floor = None
    elif audience == BuildingNotice.Audience.BUILDING:
        floor = None
    _check(
        title=title,
        body=body,
        audience=audience,
        building=building,
        floor=floor,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    today = today or timezone.localdate()
    with transaction.atomic(), pghistory.context(user=by.pk):
        tenants = list(audience_tenants(audience=audience, building=building, floor=floor, today=today))
        if not tenants:
            raise DomainError(
                _("No tenant has a lease there today: the notice would reach nobody."), field="audience"
            )
        notice = BuildingNotice.objects.create(
            title=title.strip(),
            body=body,
            urgent=urgent,
            valid_from=valid_from,
            valid_until=valid_until,
            audience=audience,
            building=building,
            floor=floor,
            created_by=by,
        )
        subject = (
            format_lazy("{}: {}", pgettext_lazy("notice", "Urgent"), notice.title) if urgent else notice.title
        )
        letters = notices_send_many(((t, subject, body) for t in tenants), by=by, topic=Notice.Topic.BUILDING)
        notice.letters.set(letters)
    return notice
