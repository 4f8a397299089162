"""Fit-out's part of the monthly report (月报): the works under way and the windows in which units were
under fit-out (from the permit's issue to the works' acceptance), which leasing's occupancy history takes as
a fact."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate

from leasing.report_scope import Buildings, building_list

from .models import Application

PERMITTED = (Application.Status.WORKS, Application.Status.COMPLETED)


def monthly_report_fit_out_windows() -> QuerySet:
    """Per unit under a permit: ``unit_id``, ``since`` (the permit's day) and ``until`` (the acceptance day,
    None while the works run)."""
    return (
        Application.units.through.objects.filter(
            application__status__in=PERMITTED, application__permit_issued_at__isnull=False
        )
        .annotate(since=TruncDate("application__permit_issued_at"), until=F("application__completed_on"))
        .values("unit_id", "since", "until")
    )


@dataclass(frozen=True)
class FitoutFigures:
    under_works: int
    permits_issued: int
    accepted: int


def monthly_report_fitouts(
    *, start: date, end: date, as_of: date, building_id: Buildings = None
) -> FitoutFigures:
    """Fit-outs under works on ``as_of`` (permit issued by then, works not yet accepted), permits issued and
    works accepted in the month (one query)."""
    fitouts = Application.objects.filter(status__in=PERMITTED, permit_issued_at__isnull=False)
    if (ids := building_list(building_id)) is not None:
        fitouts = fitouts.filter(lease__building_id__in=ids)
    issued_by = Q(permit_issued_at__date__lte=as_of)
    counts = fitouts.aggregate(
        under_works=Count(
            "pk", filter=issued_by & (Q(completed_on__isnull=True) | Q(completed_on__gt=as_of))
        ),
        permits_issued=Count("pk", filter=Q(permit_issued_at__date__range=(start, end))),
        accepted=Count("pk", filter=Q(completed_on__range=(start, end))),
    )
    return FitoutFigures(**counts)
