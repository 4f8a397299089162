"""The two agreements a tenant signs at move-in (DOMAIN.md §3 and §8): the management agreement (《管理协议》)
and the fire-safety responsibility agreement (《区域防火责任协议书》).

Their wording lives here, through gettext, so that the tenant reads and signs them in its own language
(``documents.wording.in_tenant_language``): the same words are shown on the signing page, hashed with the
signatures and printed on the PDF.
"""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.rendering import issuer_for
from documents.wording import in_tenant_language, join_list
from leasing.models import Unit

from .models import Sheet, Visit

AGREEMENT_KINDS: tuple[str, ...] = (Sheet.Kind.MANAGEMENT_AGREEMENT, Sheet.Kind.FIRE_SAFETY_AGREEMENT)

CLAUSES = {
    Sheet.Kind.MANAGEMENT_AGREEMENT: (
        gettext_lazy(
            "The management office keeps the building's common areas secure and clean, maintains the "
            "shared equipment and the fire-safety systems, and runs the front desk and the service desk."
        ),
        gettext_lazy(
            "The tenant pays the rent, the management fee and the utilities as the lease and the bills "
            "state, by their due date; a late payment bears the late fee the lease states."
        ),
        gettext_lazy(
            "The tenant uses the units only for the use the lease states; it neither sublets them nor "
            "changes their use without the management office's written consent."
        ),
        gettext_lazy(
            "Fit-out works and alterations start only after the fit-out application is approved, as the "
            "fit-out guide describes."
        ),
        gettext_lazy(
            "The tenant observes the tenant handbook (access control, freight-lift booking for moves, "
            "waste, noise) and lets the management office enter the units for inspections and repairs "
            "after notice, and without notice in an emergency."
        ),
        gettext_lazy(
            "Keys and access cards are held as the key handover sheet lists them; a lost card is "
            "replaced at cost, and every key and card is returned at move-out."
        ),
        gettext_lazy(
            "This agreement forms part of the lease and runs as long as it; each side keeps a signed copy."
        ),
    ),
    Sheet.Kind.FIRE_SAFETY_AGREEMENT: (
        gettext_lazy(
            "The tenant is responsible for fire safety within the units above; it names a person in "
            "charge of fire safety and tells the management office who that is."
        ),
        gettext_lazy(
            "Evacuation routes, fire exits and fire doors are kept clear: nothing is stored in them, and "
            "they are never locked or blocked."
        ),
        gettext_lazy(
            "Fire equipment (extinguishers, hydrants, sprinklers, detectors, alarms) is not moved, "
            "covered or damaged."
        ),
        gettext_lazy(
            "No flammable or explosive goods are kept in the units; no open flame, no wiring without "
            "approval, no appliance beyond the rated load; hot work only with the management office's "
            "permit."
        ),
        gettext_lazy("Smoking is forbidden in the units and the common areas, except where signs allow it."),
        gettext_lazy(
            "The tenant takes part in fire inspections, drills and training, and removes a hazard the "
            "management office points out within the time it gives."
        ),
        gettext_lazy(
            "In a fire the tenant calls 119, tells the management office and evacuates; it is liable for "
            "a fire caused by its own fault."
        ),
    ),
}


def lease_unit_codes(visit: Visit) -> list[str]:
    """The codes of every unit of the visit's lease (the agreement covers the whole lease)."""
    units = Unit.objects.filter(lease_units__lease_id=visit.lease_id, lease_units__blocking=True)
    return list(units.distinct().order_by("code").values_list("code", flat=True)) or [visit.unit.code]


def _preamble(visit: Visit, units: list[str]) -> str:
    return _(
        "This agreement is made between %(management)s (the management office) and %(tenant)s (the tenant) "
        "for unit %(units)s of %(building)s under lease %(lease)s, on the move-in of %(date)s."
    ) % {
        "management": issuer_for(visit.lease),
        "tenant": visit.tenant.name,
        "units": join_list(units),
        "building": visit.unit.building.name,
        "lease": visit.lease.number,
        "date": visit.visit_date.isoformat(),
    }


def agreement_text(sheet: Sheet) -> dict[str, Any]:
    """The agreement's preamble and clauses in the tenant's language, whatever the clerk reads in."""
    visit = sheet.visit
    units = lease_unit_codes(visit)
    with in_tenant_language(visit.tenant):
        return {
            "terms": _("Terms"),
            "preamble": _preamble(visit, units),
            "clauses": [str(clause) for clause in CLAUSES[sheet.kind]],
            "units": units,
        }
