"""Credit grades have consequences on leases (信用奖惩): the building's terms for grade A and grade C tenants.

A renewal drafts the next term on them (A: the rent discount, recorded as a reward; C: at least the deposit
and at most the term, recorded as a penalty), a new lease's form is prefilled with them, and a grade C draft
on softer terms is signed only after management's exception with a reason, recorded in the tenant's reward and
penalty history (奖惩档案). Tenancy keeps the grades and the history, leasing the building's terms.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from documents.money import money
from tenancy.access import has_role
from tenancy.credit.services import credit_record_add, tenants_with_grade
from tenancy.models import CreditAssessment, CreditRecord
from tenancy.roles import Role
from tenancy.selectors import credit_grade

from ..models import BuildingCreditTerms, Lease, RenewalCase
from .terms import add_months, monthly_amount

GRADE_A, GRADE_C = CreditAssessment.Grade.A, CreditAssessment.Grade.C
# Who may let a grade C tenant sign on softer terms than the building's, with a reason.
CREDIT_EXCEPTION_ROLES: tuple[str, ...] = (Role.MANAGEMENT,)


@dataclass(frozen=True)
class CreditProposal:
    """What the tenant's grade asks of a lease in this building."""

    grade: str
    discount_percent: Decimal = Decimal("0")
    deposit_months: Decimal | None = None
    max_term_months: int | None = None

    @property
    def note(self) -> str:
        """Why the draft proposes these terms, for the timeline and the form."""
        if self.grade == GRADE_A:
            return _("Credit grade A: the building's rent discount of %(p)s%% is proposed.") % {
                "p": _plain(self.discount_percent)
            }
        parts = []
        if self.deposit_months is not None:
            parts.append(_("a deposit of at least %(m)s months") % {"m": _plain(self.deposit_months)})
        if self.max_term_months is not None:
            parts.append(_("a term of at most %(t)s months") % {"t": self.max_term_months})
        return _("Credit grade C: the building asks for %(terms)s.") % {"terms": _(" and ").join(parts)}


def _plain(number: Decimal) -> str:
    """10.00 → "10", 1.5 → "1.5"."""
    return format(number.normalize(), "f")


def credit_proposal(tenant_id: int | None, building_id: int | None) -> CreditProposal | None:
    """The building's terms for the tenant's latest grade, or None when the grade changes nothing there."""
    if tenant_id is None or building_id is None:
        return None
    latest = credit_grade(tenant_id)
    grade = latest.grade if latest else ""
    if grade not in (GRADE_A, GRADE_C):
        return None
    terms = BuildingCreditTerms.objects.filter(building_id=building_id).first()
    if terms is None:
        return None
    if grade == GRADE_A:
        return (
            CreditProposal(GRADE_A, discount_percent=terms.a_discount_percent)
            if terms.a_discount_percent
            else None
        )
    if terms.c_deposit_months is None and terms.c_max_term_months is None:
        return None
    return CreditProposal(
        GRADE_C, deposit_months=terms.c_deposit_months, max_term_months=terms.c_max_term_months
    )


def term_months(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` inclusive (1 Jan 2026 – 31 Dec 2027 is 24)."""
    after = end + timedelta(days=1)
    return max((after.year - start.year) * 12 + after.month - start.month, 1)


def draft_on_credit_terms(draft: Any, proposal: CreditProposal | None) -> Any:
    """The draft terms (``DraftTerms``) as the grade asks: A's discounted rent; C's deposit and term."""
    if proposal is None:
        return draft
    if proposal.grade == GRADE_A:
        factor = (Decimal(100) - proposal.discount_percent) / Decimal(100)
        return replace(draft, rent_rate=money(draft.rent_rate * factor))
    changes: dict[str, Any] = {}
    if proposal.deposit_months is not None and draft.deposit_months < proposal.deposit_months:
        changes.update(deposit_months=proposal.deposit_months, deposit_amount=None)
    if proposal.max_term_months is not None:
        longest = add_months(draft.start_date, proposal.max_term_months) - timedelta(days=1)
        if draft.end_date > longest:
            changes["end_date"] = longest
    return replace(draft, **changes)


def credit_proposal_record(*, tenant: Any, proposal: CreditProposal | None, lease: Lease, by: User) -> None:
    """A renewal drafted on the grade's terms: a reward (A) or a penalty (C) in the tenant's history."""
    if proposal is None:
        return
    kind = CreditRecord.Kind.REWARD if proposal.grade == GRADE_A else CreditRecord.Kind.PENALTY
    credit_record_add(
        tenant=tenant, kind=kind, grade=proposal.grade, note=proposal.note, reference=lease.number, by=by
    )


def softer_than_grade_c(lease: Lease) -> list[str]:
    """How the lease is softer than the building's grade C terms, for a grade C tenant ([] otherwise)."""
    proposal = credit_proposal(lease.tenant_id, lease.building_id)
    if proposal is None or proposal.grade != GRADE_C:
        return []
    reasons = []
    if proposal.deposit_months is not None:
        rent = monthly_amount(lease.rent_basis, lease.rent_rate, lease.area)
        required = money(rent * proposal.deposit_months)
        if lease.deposit_amount < required:
            reasons.append(
                _("The deposit of ¥%(has)s is below the %(m)s months (¥%(needs)s) asked of a grade C tenant.")
                % {"has": lease.deposit_amount, "m": _plain(proposal.deposit_months), "needs": required}
            )
    if proposal.max_term_months is not None:
        months = term_months(lease.start_date, lease.end_date)
        if months > proposal.max_term_months:
            reasons.append(
                _("The term of %(has)s months is longer than the %(max)s months allowed a grade C tenant.")
                % {"has": months, "max": proposal.max_term_months}
            )
    return reasons


def credit_exception_of(lease: Lease) -> CreditRecord | None:
    """Management's recorded exception for this lease, if any."""
    return (
        CreditRecord.objects.filter(
            tenant_id=lease.tenant_id, kind=CreditRecord.Kind.EXCEPTION, reference=lease.number
        )
        .order_by("-at", "-pk")
        .first()
    )


def credit_check_at_signing(lease: Lease) -> None:
    """Signing a grade C tenant's lease on softer terms than the building's needs management's exception."""
    reasons = softer_than_grade_c(lease)
    if reasons and credit_exception_of(lease) is None:
        raise DomainError(
            " ".join(
                [
                    *reasons,
                    _("Signing on softer terms needs management's exception, with a reason, on the lease."),
                ]
            )
        )


@transaction.atomic
def lease_credit_exception(*, lease: Lease, reason: str, by: User) -> CreditRecord:
    """Management lets a grade C tenant's draft be signed on softer terms; recorded in the 奖惩档案."""
    if by is None or not has_role(by, CREDIT_EXCEPTION_ROLES):
        raise DomainError(_("Only management may let a grade C tenant sign on softer terms."), field="reason")
    if not reason.strip():
        raise DomainError(_("Give the reason for the exception."), field="reason")
    lease = Lease.objects.select_for_update().select_related("tenant").get(pk=lease.pk)
    if lease.status != Lease.Status.DRAFT:
        raise DomainError(_("Only a draft lease can get an exception."))
    reasons = softer_than_grade_c(lease)
    if not reasons:
        raise DomainError(_("This draft meets the grade C terms: no exception is needed."))
    return credit_record_add(
        tenant=lease.tenant,
        kind=CreditRecord.Kind.EXCEPTION,
        grade=GRADE_C,
        note=" ".join([*reasons, reason.strip()]),
        reference=lease.number,
        by=by,
    )


def credit_initial(
    tenant_id: int | None, building_id: int | None, initial: dict[str, Any]
) -> CreditProposal | None:
    """A new lease's form prefilled with the grade's terms (A: the guide rent discounted; C: the deposit
    months); returns the proposal, whose note the form shows."""
    proposal = credit_proposal(tenant_id, building_id)
    if proposal is None:
        return None
    if proposal.grade == GRADE_A and initial.get("rent_rate") is not None:
        factor = (Decimal(100) - proposal.discount_percent) / Decimal(100)
        initial["rent_rate"] = money(Decimal(initial["rent_rate"]) * factor)
    if proposal.grade == GRADE_C and proposal.deposit_months is not None:
        current = Decimal(str(initial.get("deposit_months") or 0))
        initial["deposit_months"] = max(current, proposal.deposit_months)
    start, end = initial.get("start_date"), initial.get("end_date")
    if (
        proposal.grade == GRADE_C
        and proposal.max_term_months
        and isinstance(start, date)
        and isinstance(end, date)
    ):
        initial["end_date"] = min(end, add_months(start, proposal.max_term_months) - timedelta(days=1))
    return proposal


def priority_renewals(cases: QuerySet[RenewalCase], *, only: bool = False) -> QuerySet[RenewalCase]:
    """Renewal cases with ``priority`` set for grade A tenants (listed for priority renewal), those first;
    ``only``: just them."""
    graded_a = tenants_with_grade(GRADE_A).filter(pk=OuterRef("lease__tenant_id"))
    cases = cases.annotate(priority=Exists(graded_a))
    if only:
        cases = cases.filter(priority=True)
    return cases.order_by("-priority", "due_date", "pk")
