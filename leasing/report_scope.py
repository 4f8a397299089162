"""Which buildings a monthly report covers: one building, a portfolio of buildings (an office's), or every
building. The report selectors of every app take this one value and filter with ``building_list``."""

from collections.abc import Collection

# A building's id, a collection of ids (an office's portfolio; empty: none), or None for every building.
Buildings = int | Collection[int] | None


def building_list(buildings: Buildings) -> list[int] | None:
    """The ids to filter on, or None for every building."""
    if buildings is None:
        return None
    if isinstance(buildings, int):
        return [buildings]
    return sorted(buildings)
