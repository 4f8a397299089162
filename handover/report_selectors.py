"""Handover's part of the monthly report (月报): move-ins and move-outs completed in the month."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from leasing.report_scope import Buildings, building_list

from .models import Visit


@dataclass(frozen=True)
class MoveFigures:
    move_ins: int
    move_outs: int


def monthly_report_moves(*, start: date, end: date, building_id: Buildings = None) -> MoveFigures:
    """Leases moved in and moved out in the month: a completed visit dated in it (a lease with several units
    counts once), in one query."""
    visits = Visit.objects.filter(status=Visit.Status.COMPLETED, visit_date__range=(start, end))
    if (ids := building_list(building_id)) is not None:
        visits = visits.filter(lease__building_id__in=ids)
    counts = visits.aggregate(
        move_ins=Count("lease_id", filter=Q(kind=Visit.Kind.MOVE_IN), distinct=True),
        move_outs=Count("lease_id", filter=Q(kind=Visit.Kind.MOVE_OUT), distinct=True),
    )
    return MoveFigures(**counts)
