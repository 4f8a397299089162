"""The verbs of the space inventory. Each runs in one transaction, records the acting user in the history,
and raises DomainError (with the form field it concerns) when a rule refuses it."""

from decimal import Decimal

import pghistory
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.actors import User
from documents.errors import DomainError
from tenancy.access import require_role
from tenancy.scope import home_office_id

from .imports import ImportRejected, parse_units_csv
from .models import Building, Floor, Unit
from .models.space import BILL_PAYMENT_DAYS_DEFAULT, BILL_PAYMENT_DAYS_MAX
from .occupancy import STAFF_SET_STATUSES, units_occupancy_refresh
from .permissions import SPACE_MANAGERS, UNIT_EDITORS
from .validation import MSG_CODE_TAKEN, floor_number_error, unit_value_errors

MSG_STATUS_FOLLOWS_LEASES = gettext_lazy(
    "Occupancy follows the leases and fit-out permits: choose vacant (available for letting) or unavailable."
)


def _acting(by: User) -> pghistory.context:
    """History rows written inside carry the user, also when called from a command or a task."""
    return pghistory.context(user=by.pk)


@transaction.atomic
def building_create(
    *,
    name: str,
    code: str,
    address: str = "",
    bill_payment_days: int | None = None,
    by: User,
) -> Building:
    """A new building; its code is unique among buildings, its tenants have 7 days to pay unless set. Made by
    the staff of one management office, it runs under that office (so they see it); by head office, under
    none until management gives it to one (Management offices)."""
    require_role(by, SPACE_MANAGERS)
    days = BILL_PAYMENT_DAYS_DEFAULT if bill_payment_days is None else bill_payment_days
    with _acting(by):
        building = Building(
            name=name.strip(),
            code=code.strip(),
            address=address.strip(),
            bill_payment_days=days,
            office_id=home_office_id(by),
        )
        _save_building(building)
    return building


@transaction.atomic
def building_update(
    *,
    building: Building,
    name: str,
    code: str,
    address: str = "",
    bill_payment_days: int | None = None,
    by: User,
) -> Building:
    """Rename or re-address a building, or change the days its tenants have to pay a bill (bills issued
    from then on); its code stays unique among buildings."""
    require_role(by, SPACE_MANAGERS)
    with _acting(by):
        building = Building.objects.select_for_update().get(pk=building.pk)
        building.name, building.code, building.address = name.strip(), code.strip(), address.strip()
        if bill_payment_days is not None:
            building.bill_payment_days = bill_payment_days
        _save_building(building)
    return building


def _save_building(building: Building) -> None:
    if not building.name:
        raise DomainError(_("A building needs a name."), field="name")
    if not building.code:
        raise DomainError(_("A building needs a code."), field="code")
    if not 0 <= building.bill_payment_days <= BILL_PAYMENT_DAYS_MAX:
        raise DomainError(
            _("The days to pay a bill must be between 0 and %(max)s.") % {"max": BILL_PAYMENT_DAYS_MAX},
            field="bill_payment_days",
        )
    if Building.objects.filter(code=building.code).exclude(pk=building.pk).exists():
        raise DomainError(_("Another building already uses this code."), field="code")
    try:
        with transaction.atomic():
            building.save()
    except IntegrityError:  # a concurrent request took the code between the check and the save
        raise DomainError(_("Another building already uses this code."), field="code") from None


def floor_get_or_create(*, building: Building, number: int) -> Floor:
    """The floor of that number in the building, created the first time a unit needs it."""
    error = floor_number_error(number)
    if error:
        raise DomainError(error, field="floor_number")
    floor, _created = Floor.objects.get_or_create(building=building, number=number)
    return floor


@transaction.atomic
def unit_create(
    *,
    building: Building,
    floor_number: int,
    code: str,
    gross_area: Decimal,
    usable_area: Decimal,
    use: str = Unit.Use.OFFICE,
    status: str = Unit.Status.VACANT,
    guide_rent: Decimal = Decimal("0.00"),
    notes: str = "",
    by: User,
) -> Unit:
    """A new unit on a floor of the building (created if new); its code is unique in the building. It is
    vacant, or unavailable when ``status`` says so (occupancy follows the leases)."""
    require_role(by, SPACE_MANAGERS)
    with _acting(by):
        building = Building.objects.select_for_update().get(
            pk=building.pk
        )  # one writer of codes per building
        unit = Unit(building=building, code=code.strip(), notes=notes)
        _apply(unit, floor_number, gross_area, usable_area, use, status, guide_rent)
        _save_unit(unit)
        _occupancy_follow(unit, status)
    return unit


@transaction.atomic
def unit_update(
    *,
    unit: Unit,
    building: Building,
    floor_number: int,
    code: str,
    gross_area: Decimal,
    usable_area: Decimal,
    use: str,
    status: str,
    guide_rent: Decimal,
    notes: str = "",
    by: User,
) -> Unit:
    """Correct a unit's data; its code stays unique in its building and its areas consistent. Its status
    only says whether staff withdraw it from letting: a unit a lease holds cannot be withdrawn."""
    require_role(by, UNIT_EDITORS)
    with _acting(by):
        building = Building.objects.select_for_update().get(pk=building.pk)
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        unit.building, unit.code, unit.notes = building, code.strip(), notes
        _apply(unit, floor_number, gross_area, usable_area, use, status, guide_rent)
        _save_unit(unit)
        _occupancy_follow(unit, status)
    return unit


def _occupancy_follow(unit: Unit, status: str) -> None:
    """Staff choose between available (vacant) and withdrawn (unavailable); the rest is the leases'."""
    withdrawn = status == Unit.Status.UNAVAILABLE
    units_occupancy_refresh(Unit.objects.filter(pk=unit.pk), withdrawn=withdrawn)
    unit.refresh_from_db(fields=["status", "updated_at"])
    if withdrawn and unit.status != Unit.Status.UNAVAILABLE:
        raise DomainError(
            _("A lease holds this unit (it is %(status)s): it cannot be withdrawn from letting.")
            % {"status": unit.get_status_display()},
            field="status",
        )


def _apply(
    unit: Unit,
    floor_number: int,
    gross_area: Decimal,
    usable_area: Decimal,
    use: str,
    status: str,
    guide_rent: Decimal,
) -> None:
    errors = unit_value_errors(gross_area=gross_area, usable_area=usable_area, guide_rent=guide_rent)
    if errors:
        field, message = next(iter(errors.items()))
        raise DomainError(message, field=field)
    if use not in Unit.Use.values:
        raise DomainError(_("Unknown use."), field="use")
    if status not in Unit.Status.values:
        raise DomainError(_("Unknown status."), field="status")
    if status not in STAFF_SET_STATUSES and status != unit.status:
        raise DomainError(MSG_STATUS_FOLLOWS_LEASES, field="status")
    unit.floor = floor_get_or_create(building=unit.building, number=floor_number)
    unit.gross_area, unit.usable_area, unit.guide_rent = gross_area, usable_area, guide_rent
    unit.use = use


def _save_unit(unit: Unit) -> None:
    if not unit.code:
        raise DomainError(_("A unit needs a code."), field="code")
    if Unit.objects.filter(building=unit.building, code=unit.code).exclude(pk=unit.pk).exists():
        raise DomainError(str(MSG_CODE_TAKEN), field="code")
    try:
        with transaction.atomic():
            unit.save()
    except IntegrityError:
        raise DomainError(str(MSG_CODE_TAKEN), field="code") from None


@transaction.atomic
def units_import_csv(*, building: Building, data: bytes, by: User) -> int:
    """Create a building's units from a CSV file: all of them, or none if any line is bad (ImportRejected)."""
    require_role(by, SPACE_MANAGERS)
    with _acting(by):
        building = Building.objects.select_for_update().get(pk=building.pk)
        existing = set(building.units.order_by().values_list("code", flat=True))
        rows = parse_units_csv(data, existing_codes=existing)
        floors = _floors_for(building, {row.floor_number for row in rows})
        units = [
            Unit(
                building=building,
                floor=floors[row.floor_number],
                code=row.code,
                gross_area=row.gross_area,
                usable_area=row.usable_area,
                use=row.use,
                guide_rent=row.guide_rent,
            )
            for row in rows
        ]
        try:
            with transaction.atomic():
                Unit.objects.bulk_create(units)
        except IntegrityError:
            raise ImportRejected(
                _("Another user changed this building's units meanwhile; upload the file again.")
            ) from None
        withdrawn = [
            unit.pk for unit, row in zip(units, rows, strict=True) if row.status == Unit.Status.UNAVAILABLE
        ]
        units_occupancy_refresh(Unit.objects.filter(pk__in=withdrawn), withdrawn=True)
    return len(units)


def _floors_for(building: Building, numbers: set[int]) -> dict[int, Floor]:
    """The building's floors with these numbers, creating the missing ones in one statement."""
    floors = {floor.number: floor for floor in building.floors.filter(number__in=numbers)}
    missing = [Floor(building=building, number=n) for n in sorted(numbers - floors.keys())]
    for floor in Floor.objects.bulk_create(missing):
        floors[floor.number] = floor
    return floors
