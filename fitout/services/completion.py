"""Completion: engineering inspects and accepts the works; damages are deducted from the deposit, what it
still holds is refunded through billing's refund approval, and the units go back to occupied."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from billing.models import ChargeKind
from billing.money import ZERO, money
from billing.services.fitout_deposits import fitout_deposit_deduct, fitout_deposit_refund
from billing.wording import SystemText
from documents.actors import User
from documents.errors import DomainError
from documents.money import yuan
from documents.wording import in_tenant_language
from tenancy.access import require_role

from ..models import Application, Inspection
from ..permissions import ENGINEERS
from .common import application_lock, event_add, tenant_tell
from .units import units_follow_works


@transaction.atomic
def completion_accept(
    *,
    application: Application,
    findings: str,
    damages: Decimal | None = None,
    bill_excess: bool = False,
    by: User,
) -> Application:
    """Accept the finished works; the deposit less fines and damages goes to refund approval."""
    require_role(by, ENGINEERS)
    application = application_lock(application, Application.Status.WORKS)
    if not findings.strip():
        raise DomainError(_("Write what the completion inspection found."), field="findings")
    damages = money(damages or ZERO)
    if damages < 0:
        raise DomainError(_("Damages cannot be negative."), field="damages")
    today = timezone.localdate()
    Inspection.objects.create(
        application=application,
        kind=Inspection.Kind.COMPLETION,
        inspected_on=today,
        findings=findings.strip(),
        passed=True,
        by=by,
    )
    if damages > 0:
        try:
            fitout_deposit_deduct(
                account=application.deposit_account,
                amount=damages,
                kind=ChargeKind.DAMAGE,
                description=SystemText(gettext_noop("Fit-out damages %(number)s"), number=application.number),
                source=f"fitout:damage:{application.number}",
                bill_excess=bill_excess,
                by=by,
            )
        except DomainError as error:
            raise DomainError(error.message, field="damages") from None
    # The works are over: no pass lets anyone in from now on.
    application.workers.filter(revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=gettext_noop("Works completed and accepted.")
    )
    application.refund = fitout_deposit_refund(account=application.deposit_account, by=by)
    Application.LIFECYCLE.move(application, Application.Status.COMPLETED)
    application.completed_on, application.damages = today, damages
    application.save(update_fields=["refund", "status", "completed_on", "damages"])
    units_follow_works(application)
    amount = application.refund.amount if application.refund else ZERO
    event_add(
        application,
        gettext_noop("Works accepted; deposit refund of %(amount)s requested."),
        by,
        amount=yuan(amount),
    )
    with in_tenant_language(application.tenant):  # the tenant's language, not the engineer's
        tenant_tell(
            application,
            _("Fit-out %(number)s accepted") % {"number": application.number},
            _("Your fit-out works are accepted. The deposit refund of %(amount)s is on its way.")
            % {"amount": yuan(amount)},
            by=by,
        )
    return application
