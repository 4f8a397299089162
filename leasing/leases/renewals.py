"""Expiry and renewal: two months before a term ends, a renewal case for the service department and a
letter to the tenant, exactly once per lease and term end (a unique constraint), catching up missed days."""

from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from documents.services import document_render, notice_send
from documents.wording import in_tenant_language
from tenancy.access import require_role
from tenancy.roles import Role

from ..document_kinds import RENEWAL_LETTER
from ..models import Lease, LeaseEvent, RenewalCase, RenewalFollowUp
from .credit import credit_proposal, credit_proposal_record, draft_on_credit_terms
from .moveout import move_out_notice_give
from .permissions import RENEWAL_STAFF
from .services import DraftTerms, event_add, lease_create
from .terms import add_months, lease_terms_on, reminder_date

LETTER_TEMPLATE = "documents/forms/lease_expiry_letter.html"
LETTER_PREFIX = "DQTZ"
# The tenant is asked to answer a month before the end: the usual notice period.
ANSWER_DAYS_BEFORE_END = 30
# Two sweeps never run at once (a second beat, a manual run): they queue on this advisory lock.
SWEEP_LOCK_KEY = 0x4C45415345  # "LEASE"


def _default_owner() -> Any:
    """The service department's first active front-desk user owns new cases (reassignable)."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True, groups__name=Role.FRONT_DESK)
    return users.order_by("pk").first()


@transaction.atomic
def lease_expiry_sweep(*, today: date) -> list[int]:
    """Open a renewal case for every active lease whose reminder date has come (today or a missed day before)
    and whose term has not ended, unless this term already has one. Returns the new cases' ids.

    A constant number of queries however many leases there are: one for the candidates, one for the owner,
    one insert for the cases and one for their events.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SWEEP_LOCK_KEY])
    # reminder_date(end) <= today implies end <= today + 2 months + 3 days (month-end clamping).
    horizon = add_months(today, 2) + timedelta(days=3)
    reminded = RenewalCase.objects.filter(lease=OuterRef("pk"), term_end=OuterRef("effective_end"))
    candidates = (
        Lease.objects.filter(status=Lease.Status.ACTIVE, effective_end__gte=today, effective_end__lte=horizon)
        .filter(~Exists(reminded))
        .order_by("effective_end", "pk")
        .values_list("pk", "effective_end")
    )
    due = [(pk, end) for pk, end in candidates if reminder_date(end) <= today]
    if not due:
        return []
    owner = _default_owner()
    cases = RenewalCase.objects.bulk_create(
        RenewalCase(
            lease_id=pk,
            term_end=end,
            reminder_date=reminder_date(end),
            due_date=max(end - timedelta(days=ANSWER_DAYS_BEFORE_END), today),
            owner=owner,
        )
        for pk, end in due
    )
    LeaseEvent.objects.bulk_create(
        LeaseEvent(lease_id=case.lease_id, kind=LeaseEvent.Kind.REMINDED, note=str(case.term_end))
        for case in cases
    )
    return [case.pk for case in cases]


def renewal_cases_without_letter() -> list[int]:
    """Cases whose letter is not sent yet (a failed run, a missed day): the daily task sends them."""
    return list(
        RenewalCase.objects.filter(notice_id__isnull=True).order_by("pk").values_list("pk", flat=True)
    )


@transaction.atomic
def renewal_letter_send(*, case_id: int) -> bool:
    """Render the expiry letter (PDF) and send it as a notice (portal inbox and e-mail), once per case."""
    case = (
        RenewalCase.objects.select_for_update()
        .select_related("lease__tenant", "lease__building")
        .get(pk=case_id)
    )
    if case.notice_id is not None:
        return False
    lease = case.lease
    with in_tenant_language(lease.tenant):  # the daily job's or a clerk's language is not the tenant's
        document = document_render(
            template=LETTER_TEMPLATE,
            context={"lease": lease, "tenant": lease.tenant, "case": case},
            kind=RENEWAL_LETTER,
            title=_("Lease expiry letter %(number)s") % {"number": lease.number},
            tenant=lease.tenant,
            about=case,
            number_prefix=LETTER_PREFIX,
        )
        notice = notice_send(
            tenant=lease.tenant,
            subject=_("Your lease %(number)s ends on %(date)s")
            % {"number": lease.number, "date": case.term_end},
            body=_(
                "Your lease %(number)s ends on %(date)s. Please tell us by %(due)s whether you wish to renew "
                "or to leave, in the portal or at the front desk. The letter is attached."
            )
            % {"number": lease.number, "date": case.term_end, "due": case.due_date},
            attachment=document,
        )
    case.notice_id = notice.pk
    case.save(update_fields=["notice_id"])
    return True


@transaction.atomic
def renewal_case_answer(
    *, case: RenewalCase, intent: str, note: str = "", by: User, portal: bool = False
) -> RenewalCase:
    """Record the tenant's intent. Renew: a draft of the next term, prefilled. Leave: a move-out notice at the
    term end, whatever the notice period (the move-out path opens)."""
    if not portal:
        require_role(by, RENEWAL_STAFF)
    case = RenewalCase.objects.select_for_update().select_related("lease").get(pk=case.pk)
    if intent not in RenewalCase.Intent.values:
        raise DomainError(_("Choose renew, leave or undecided."), field="intent")
    if case.intent != RenewalCase.Intent.UNDECIDED:
        raise DomainError(
            _("The tenant has already answered: %(intent)s.") % {"intent": case.get_intent_display()}
        )
    case.intent, case.answered_at = intent, timezone.now()
    if intent == RenewalCase.Intent.RENEW:
        case.next_lease = lease_renewal_draft(lease=case.lease, by=by)
    elif intent == RenewalCase.Intent.LEAVE:
        channel = "portal" if portal else "front_desk"
        move_out_notice_give(
            lease=case.lease,
            move_out_date=case.term_end,
            channel=channel,
            reason=note,
            by=by,
            at_term_end=True,
        )
    case.save(update_fields=["intent", "answered_at", "next_lease"])
    # The answer by its code, shown in each reader's language; the note as typed.
    RenewalFollowUp.objects.create(case=case, intent=intent, note=note.strip(), by=by)
    return case


def renewal_follow_up_add(*, case: RenewalCase, note: str, by: User) -> RenewalFollowUp:
    """Note a contact with the tenant about the renewal."""
    require_role(by, RENEWAL_STAFF)
    if not note.strip():
        raise DomainError(_("Write what was said."), field="note")
    return RenewalFollowUp.objects.create(case=case, note=note.strip(), by=by)


def lease_renewal_draft(*, lease: Lease, by: User) -> Lease:
    """The next term as a draft: from the day after the current end, as long as the current term, same units
    and the rates in force at the end, on the building's terms for the tenant's credit grade."""
    terms = lease_terms_on(lease, lease.effective_end)
    start = lease.effective_end + timedelta(days=1)
    after = lease.end_date + timedelta(days=1)  # whole months: 1 Jan 2026 – 31 Dec 2027 is 24
    months = max((after.year - lease.start_date.year) * 12 + after.month - lease.start_date.month, 1)
    units = list(lease.units.filter(pk__in=terms.unit_ids))
    draft = DraftTerms(
        start_date=start,
        end_date=add_months(start, months) - timedelta(days=1),
        rent_basis=terms.rent_basis,
        rent_rate=terms.rent_rate,
        fee_basis=terms.fee_basis,
        fee_rate=terms.fee_rate,
        payment_cycle=lease.payment_cycle,
        due_day=lease.due_day,
        deposit_months=lease.deposit_months,
        deposit_amount=lease.deposit_amount,
        late_fee_rate=lease.late_fee_rate,
        grace_days=lease.grace_days,
        escalation_rate=lease.escalation_rate,
        use=lease.use,
        special_terms=lease.special_terms,
        notice_days=lease.notice_days,
    )
    # The building's terms for the tenant's credit grade (A: discount, C: deposit and term), with the reason.
    proposal = credit_proposal(lease.tenant_id, lease.building_id)
    draft = draft_on_credit_terms(draft, proposal)
    # Drafted on the renewal case's authority (the tenant's or the service department's answer): the business
    # department then reviews the draft before signing.
    note = proposal.note if proposal else ""
    renewal = lease_create(tenant=lease.tenant, units=units, terms=draft, by=None, previous=lease, note=note)
    credit_proposal_record(tenant=lease.tenant, proposal=proposal, lease=renewal, by=by)
    event_add(lease, LeaseEvent.Kind.RENEWED, by, renewal.number)
    return renewal
