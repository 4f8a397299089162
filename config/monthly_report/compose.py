"""Put the month's figures together from each app's ``monthly_report_*`` selectors.

The report is for a month up to today: a past month is read as of its last day, the current month as of
today. Trends run over the twelve month ends up to that day (the last point is the report's own figure).
A month after the current one has no figures: ``month_check`` refuses it.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from billing import report_selectors as billing
from documents.errors import DomainError
from fitout import report_selectors as fitout
from handover import report_selectors as handover
from leasing import report_selectors as leasing
from leasing.report_scope import Buildings
from servicedesk import report_selectors as servicedesk
from tenancy.scope import building_ids

TREND_MONTHS = 12


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def month_check(month: date, today: date) -> None:
    """A report is for the current month or an earlier one."""
    if month.replace(day=1) > today.replace(day=1):
        raise DomainError(_("The report month cannot be in the future."), field="month")


def trend_days(as_of: date) -> list[date]:
    """The last days of the eleven months before ``as_of``'s month, then ``as_of`` itself."""
    days = [as_of]
    first = as_of.replace(day=1)
    for _i in range(TREND_MONTHS - 1):
        first = (first - timedelta(days=1)).replace(day=1)
        days.insert(0, month_end(first))
    return days


@dataclass
class MonthlyReport:
    month: date
    end: date
    as_of: date
    building: Any
    occupancy_trend: list[leasing.OccupancyFigures]
    leases: leasing.LeaseFigures
    moves: handover.MoveFigures
    billing: billing.BillingFigures
    ageing_trend: list[billing.AgeingFigures]
    deposits: billing.DepositFigures
    service: servicedesk.ServiceFigures
    fitouts: fitout.FitoutFigures

    @property
    def occupancy(self) -> leasing.OccupancyFigures:
        return self.occupancy_trend[-1]

    @property
    def ageing(self) -> billing.AgeingFigures:
        return self.ageing_trend[-1]

    @property
    def is_partial(self) -> bool:
        """The current month: figures up to today."""
        return self.as_of < self.end


def monthly_report_build(
    *, month: date, building: Any = None, today: date | None = None, user: Any = None
) -> MonthlyReport:
    """The report of ``month`` (any day in it) for ``building``, else for the portfolio: the user's buildings
    (every building for head office and for the system, ``user`` None)."""
    today = today or timezone.localdate()
    month = month.replace(day=1)
    month_check(month, today)
    end = month_end(month)
    as_of = min(end, today)
    building_id: Buildings = building.pk if building else building_ids(user)
    scope = {"start": month, "end": end, "building_id": building_id}
    days = trend_days(as_of)
    now = min(
        timezone.now(), datetime.combine(end + timedelta(days=1), time(), timezone.get_current_timezone())
    )
    return MonthlyReport(
        month=month,
        end=end,
        as_of=as_of,
        building=building,
        occupancy_trend=leasing.monthly_report_occupancy_trend(
            days=days, building_id=building_id, fit_out=fitout.monthly_report_fit_out_windows()
        ),
        leases=leasing.monthly_report_leases(**scope, as_of=as_of),
        moves=handover.monthly_report_moves(**scope),
        billing=billing.monthly_report_billing(**scope, as_of=as_of),
        ageing_trend=billing.monthly_report_ageing_trend(days=days, building_id=building_id),
        deposits=billing.monthly_report_deposits(as_of=as_of, building_id=building_id),
        service=servicedesk.monthly_report_service(**scope, now=now),
        fitouts=fitout.monthly_report_fitouts(**scope, as_of=as_of),
    )
