"""Fit-out charges (《装修收费表》): fit-out keeps no money. When the permit is issued it asks billing to
bill the building's fit-out fees on the permit's units (once per permit: the idempotency key is the
application's number), prints the charge sheet in the tenant's language and sends it; each worker pass
issued later asks billing to charge the pass fee on the tenant's next periodic bill. Rules and amounts:
billing.services.fitout_charges."""

from datetime import date
from decimal import Decimal
from functools import partial

from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from billing.document_kinds import BILL
from billing.models import FitoutChargeBilling
from billing.services.fitout_charges import fitout_charges_bill, fitout_charges_of, fitout_pass_charge
from documents.actors import User
from documents.models import Document
from documents.money import yuan
from documents.services import document_render
from documents.wording import in_tenant_language

from ..models import Application, Worker
from .common import event_add, tenant_tell

CHARGES_TEMPLATE = "documents/forms/fitout_charges.html"


def permit_key(application: Application) -> str:
    return f"fitout-permit:{application.number}"


def permit_area(application: Application) -> Decimal:
    """The gross area (建筑面积) of the permit's units: what the per-m² fees are charged on."""
    return sum((unit.gross_area for unit in application.units.all()), Decimal(0))


def charges_bill(*, application: Application, by: User, today: date) -> FitoutChargeBilling:
    """At the permit: bill the fees (once), then print and send the charge sheet, or note that the building
    sets no fee. Runs in the permit's transaction."""
    billing = fitout_charges_bill(
        key=permit_key(application),
        reference=application.number,
        lease=application.lease,
        area=permit_area(application),
        by=by,
        today=today,
    )
    if billing.bill is None:
        event_add(application, gettext_noop("The building sets no fit-out fee: nothing billed."), by)
        return billing
    document = charge_sheet_render(application=application, by=by)
    application.charge_sheet_document_id = document.pk
    application.save(update_fields=["charge_sheet_document_id"])
    bill = billing.bill
    event_add(
        application,
        gettext_noop("Fit-out fees of %(amount)s billed (bill %(bill)s)."),
        by,
        amount=yuan(bill.total),
        bill=bill.number,
    )
    with in_tenant_language(application.tenant):
        tenant_tell(
            application,
            _("Fit-out charges for %(number)s") % {"number": application.number},
            _(
                "Please pay the fit-out fees of %(amount)s by %(due)s (bill %(bill)s); "
                "the charge sheet is attached."
            )
            % {"amount": yuan(bill.total), "due": bill.due_date, "bill": bill.number},
            document=document,
            by=by,
        )
    return billing


def _sheet_title(application: Application) -> str:
    return _("Fit-out charge sheet %(number)s") % {"number": application.number}


def charge_sheet_render(*, application: Application, by: User) -> Document:
    """The 《装修收费表》: the building's fee standards, the units' area, the permit bill's lines and the pass
    fees so far, rendered in the tenant's language."""
    units = list(application.units.select_related("building"))
    charges = fitout_charges_of(reference=application.number, building_id=application.lease.building_id)
    context = {
        "application": application,
        "tenant": application.tenant,
        "lease": application.lease,
        "units": units,
        "area": permit_area(application),
        "charges": charges,
    }
    return document_render(
        template=CHARGES_TEMPLATE,
        context=context,
        kind=BILL,
        title=lazy(partial(_sheet_title, application), str)(),  # in the tenant's language
        tenant=application.tenant,
        about=application,
        by=by,
        number_prefix="ZXSF",
        visible_to_tenant=True,
    )


def pass_charge(*, worker: Worker, by: User, today: date) -> None:
    """A pass issued: its fee (if the building sets one) goes on the tenant's next periodic bill."""
    application = worker.application
    charge = fitout_pass_charge(
        reference=application.number,
        lease=application.lease,
        pass_number=worker.pass_number,
        by=by,
        today=today,
    )
    if charge is not None:
        event_add(
            application,
            gettext_noop("Worker pass fee of %(amount)s charged for pass %(number)s (on the next bill)."),
            by,
            amount=yuan(charge.amount),
            number=worker.pass_number,
        )
