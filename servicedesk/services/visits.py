"""Regular visits to tenants (走访): planned per tenant and quarter, recorded with their outcome; an issue the
tenant raises becomes a ticket owned by whoever at the desk receives it (首问负责制)."""

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from tenancy.access import require_role

from ..models import Category, TenantVisit, Ticket, VisitIssue
from ..permissions import RECEIVERS, VISITORS, is_visitor
from ..selectors import portal_units
from .intake import ticket_create


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _refuse_unless_visitor(by: User) -> None:
    require_role(by, VISITORS, _("Only the front desk, the business department or management visit tenants."))


@transaction.atomic
def visit_plan(
    *, tenant: Any, year: int, quarter: int, planned_on: date, by: User, visitor: Any = None
) -> TenantVisit:
    """Plan the quarter's visit to a tenant: one per tenant and quarter, on a day inside that quarter."""
    _refuse_unless_visitor(by)
    if tenant is None:
        raise DomainError(_("Choose the tenant."), field="tenant")
    if not 1 <= quarter <= 4:
        raise DomainError(_("Choose a quarter from 1 to 4."), field="quarter")
    if planned_on is None or quarter_of(planned_on) != (year, quarter):
        raise DomainError(
            _("The planned day must fall in %(year)s Q%(quarter)s.") % {"year": year, "quarter": quarter},
            field="planned_on",
        )
    if visitor is not None and not is_visitor(visitor):
        raise DomainError(
            _("The visitor must be at the front desk, in business or in management."), field="visitor"
        )
    if TenantVisit.objects.filter(tenant=tenant, year=year, quarter=quarter).exists():
        raise DomainError(
            _("A visit to this tenant is already planned for %(year)s Q%(quarter)s.")
            % {"year": year, "quarter": quarter},
            field="quarter",
        )
    try:
        with transaction.atomic():
            return TenantVisit.objects.create(
                tenant=tenant,
                year=year,
                quarter=quarter,
                planned_on=planned_on,
                visitor=visitor,
                planned_by=by,
            )
    except IntegrityError as error:  # planned by someone else at the same moment
        raise DomainError(
            _("A visit to this tenant is already planned for this quarter."), field="quarter"
        ) from error


@transaction.atomic
def visit_record(
    *,
    visit: TenantVisit,
    by: User,
    visited_on: date,
    outcome: str,
    met: str = "",
    issues: list[str] | None = None,
) -> TenantVisit:
    """Record a planned visit as done: when, whom we met, the outcome, and each issue the tenant raised."""
    _refuse_unless_visitor(by)
    visit = TenantVisit.objects.select_for_update().get(pk=visit.pk)
    if visit.status != TenantVisit.Status.PLANNED:
        raise DomainError(_("This visit is already recorded."))
    outcome = (outcome or "").strip()
    if not outcome:
        raise DomainError(_("Write the outcome of the visit."), field="outcome")
    if visited_on is None or visited_on > timezone.localdate():
        raise DomainError(_("The visit day cannot be in the future."), field="visited_on")
    TenantVisit.LIFECYCLE.move(visit, TenantVisit.Status.DONE)
    visit.visited_on, visit.visited_by = visited_on, by
    visit.met, visit.outcome = (met or "").strip(), outcome
    visit.save()
    VisitIssue.objects.bulk_create(
        VisitIssue(visit=visit, text=text.strip()) for text in issues or [] if text and text.strip()
    )
    return visit


@transaction.atomic
def visit_issue_ticket_create(*, issue: VisitIssue, by: User, category: Category, kind: str) -> Ticket:
    """Turn an issue raised on a visit into a ticket (channel: visit), owned by the desk member receiving it;
    it is placed at the tenant's first unit, or its building's common area."""
    require_role(by, RECEIVERS, _("Only the front desk or management receive tickets."))
    issue = VisitIssue.objects.select_for_update().select_related("visit__tenant").get(pk=issue.pk)
    if issue.ticket_id is not None:
        raise DomainError(_("This issue is already a ticket."))
    if category is None:
        raise DomainError(_("Choose the category."), field="category")
    if kind not in Ticket.Kind.values:
        raise DomainError(_("Choose the kind."), field="kind")
    tenant = issue.visit.tenant
    unit = portal_units(tenant).first()
    if unit is None:
        raise DomainError(
            _("The tenant holds no unit now; receive the ticket from the service desk instead.")
        )
    ticket = ticket_create(
        by=by,
        kind=kind,
        channel=Ticket.Channel.VISIT,
        category=category,
        description=issue.text,
        tenant=tenant,
        unit=unit,
    )
    issue.ticket = ticket
    issue.save(update_fields=["ticket"])
    return ticket
