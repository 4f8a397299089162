"""The office that issues a form: a form about a record of a building (a lease, a bill, a permit, a visit
sheet...) is headed with the issuing name of the management office running that building (管理处), so each
office's letters, bills and permits carry its own letterhead. A record of no one building (a tenant's card,
a payment over several buildings) keeps the company-wide name."""

from typing import Any

from .models import Building

# How a record reaches its building: itself, its own building, or through its lease, unit or visit.
_PATHS: tuple[tuple[str, ...], ...] = (
    ("building",),
    ("lease", "building"),
    ("unit", "building"),
    ("visit", "lease", "building"),
    ("application", "lease", "building"),
)


def building_of(record: Any) -> Building | None:
    """The building a record is about, or None when it is about no single building."""
    if isinstance(record, Building):
        return record
    for path in _PATHS:
        found: Any = record
        for name in path:
            found = getattr(found, name, None)
            if found is None:
                break
        if isinstance(found, Building):
            return found
    return None


def issuer_of(record: Any) -> str:
    """The issuing name of the office running the record's building; "" when none can be told."""
    building = building_of(record)
    if building is None or building.office_id is None:
        return ""
    return building.office.issuer


def register() -> None:
    from documents.rendering import issuer_register

    issuer_register(issuer_of)
