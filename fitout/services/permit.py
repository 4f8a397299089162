"""The fit-out deposit (billed through billing, paid before the permit), the construction-power agreement,
and the permit (施工许可) itself, which puts the units under fit-out."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from billing.services.fitout_deposits import fitout_deposit_bill, fitout_deposit_collect
from billing.suspension import suspension_refuse
from documents.actors import User
from documents.errors import DomainError
from documents.money import yuan
from documents.services import document_number_next, document_render
from documents.wording import in_tenant_language
from tenancy.access import require_role

from ..document_kinds import FITOUT_PERMIT
from ..models import Application
from ..permissions import CASHIERS, ENGINEERS
from ..printing import PERMIT_TEMPLATE, permit_context, permit_title
from .charges import charges_bill
from .common import application_lock, event_add, tenant_tell
from .units import units_follow_works

BEFORE_PERMIT = (Application.Status.SUBMITTED, Application.Status.CHANGES, Application.Status.APPROVED)


@transaction.atomic
def deposit_bill(
    *, application: Application, amount: Decimal | None, due_date: date, by: User
) -> Application:
    """Finance bills the fit-out deposit (装修押金) to the tenant; it is held, not income."""
    require_role(by, CASHIERS)
    application = application_lock(application, *BEFORE_PERMIT)
    if application.deposit_account_id:
        raise DomainError(_("The fit-out deposit has been billed already."))
    account = fitout_deposit_bill(
        lease=application.lease, amount=amount, reference=application.number, due_date=due_date, by=by
    )
    application.deposit_account = account
    application.save(update_fields=["deposit_account"])
    event_add(
        application,
        gettext_noop("Fit-out deposit of %(amount)s billed (bill %(bill)s)."),
        by,
        amount=yuan(account.bill.total),
        bill=account.bill.number,
    )
    with in_tenant_language(application.tenant):  # the tenant's language, not the cashier's
        tenant_tell(
            application,
            _("Fit-out deposit for %(number)s") % {"number": application.number},
            _(
                "Please pay the fit-out deposit of %(amount)s by %(due)s (bill %(bill)s). "
                "The permit is issued once it is paid."
            )
            % {"amount": yuan(account.bill.total), "due": due_date, "bill": account.bill.number},
            by=by,
        )
    return application


def deposit_check_paid(*, application: Application, by: User) -> bool:
    """Whether the deposit's bill is paid; the first time it is, the deposit holds the money."""
    if application.deposit_account is None:
        return False
    return fitout_deposit_collect(account=application.deposit_account, by=by)


@transaction.atomic
def power_agreement_record(
    *, application: Application, reference: str, signed_on: date, by: User
) -> Application:
    """The contractor's construction-power agreement (施工用电协议), recorded before the permit."""
    require_role(by, (*CASHIERS, *ENGINEERS))
    application = application_lock(application, *BEFORE_PERMIT)
    if not reference.strip():
        raise DomainError(_("Enter the agreement's number or reference."), field="reference")
    if signed_on > timezone.localdate():
        raise DomainError(_("The agreement cannot be signed in the future."), field="signed_on")
    application.power_agreement, application.power_agreement_on = reference.strip(), signed_on
    application.save(update_fields=["power_agreement", "power_agreement_on"])
    event_add(
        application, gettext_noop("Construction-power agreement %(ref)s recorded."), by, ref=reference.strip()
    )
    return application


def _permit_refusal(application: Application, today: date) -> str | None:
    if application.status != Application.Status.APPROVED:
        return _("The drawings must be approved before the permit is issued.")
    if not application.agreement_document_id:
        return _("The fit-out management agreement must be signed before the permit is issued.")
    if application.needs_fire_approval and not application.fire_approval_document_id:
        return _("This scope needs the fire-safety approval before the permit is issued.")
    if application.deposit_account is None or not fitout_deposit_collect(
        account=application.deposit_account, by=None
    ):
        return _("The fit-out deposit must be paid before the permit is issued.")
    if not application.power_agreement:
        return _("Record the construction-power agreement before the permit is issued.")
    if application.ends_on < today:
        return _("The planned works have ended; the schedule must be renewed.")
    return None


@transaction.atomic
def permit_issue(*, application: Application, by: User, today: date | None = None) -> Application:
    """Issue the permit: drawings approved, agreement signed, fire approval where flagged, deposit paid and
    power agreement recorded; the units show “under fit-out” while works run. The building's fit-out fees
    are billed with it, once (``charges.charges_bill``)."""
    require_role(by, ENGINEERS)
    today = today or timezone.localdate()
    application = application_lock(application)
    refusal = _permit_refusal(application, today)
    if refusal:
        raise DomainError(refusal)
    suspension_refuse(tenant_id=application.tenant_id, action="fitout_permit")
    application.permit_number = document_number_next(prefix="ZXXK")
    application.permit_issued_at = timezone.now()
    document = document_render(
        template=PERMIT_TEMPLATE,
        context=permit_context(application),
        kind=FITOUT_PERMIT,
        title=permit_title(application),
        tenant=application.tenant,
        about=application,
        by=by,
        number_prefix="ZXPM",
    )
    application.permit_document_id = document.pk
    Application.LIFECYCLE.move(application, Application.Status.WORKS)
    application.save(update_fields=["permit_number", "permit_issued_at", "permit_document_id", "status"])
    units_follow_works(application)
    event_add(application, gettext_noop("Permit %(number)s issued."), by, number=application.permit_number)
    charges_bill(application=application, by=by, today=today)
    with in_tenant_language(application.tenant):  # the tenant's language, not the engineer's
        tenant_tell(
            application,
            _("Fit-out permit %(number)s") % {"number": application.permit_number},
            _("Your fit-out permit is issued, valid from %(start)s to %(end)s.")
            % {"start": application.starts_on, "end": application.ends_on},
            document=document,
            by=by,
        )
    return application
