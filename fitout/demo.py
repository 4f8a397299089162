"""Demo stage of fit-out, after billing's: the new tenant that moved in three weeks ago is fitting out.

Through the fit-out services, as people would: the front desk enters the application with its drawings (works
from ten days ago to a month from now), tenant and contractor sign the management agreement on screen,
engineering approves the drawings, finance bills the fit-out deposit, the tenant pays it, the power agreement
is recorded, engineering issues the permit (the units show "under fit-out"), security registers three workers
(a pass each) and engineering logs an inspection. Nothing is added once any fit-out exists.
"""

import random
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from stdnum.cn import ric

from billing.services.payments import PaymentInput, payment_record
from documents.actors import User
from handover.services import SignerInput
from leasing.demo.common import SeedReport, drawn_signature, person_name, photo_jpeg, rng, scan
from leasing.demo.leases import NEW_LEASE
from leasing.models import Lease, LeaseEvent

from .models import Application
from .services import (
    ApplicationInput,
    application_sign,
    application_submit,
    deposit_bill,
    inspection_log,
    permit_issue,
    power_agreement_record,
    review_record,
    worker_register,
)

__all__ = ["DEMO_STAGES"]

DEPOSIT = Decimal("20000.00")
# Trade, the first seventeen characters of the resident ID (Shanghai districts), the photo's colour.
WORKERS = (
    ("木工", "31010119820315401", 1),
    ("电工", "31010419791108302", 2),
    ("油漆工", "31010519900521703", 3),
)


def _staff() -> dict[str, Any]:
    names = ("frontdesk", "engineer", "finance", "security")
    return {user.username: user for user in get_user_model().objects.filter(username__in=names)}


def demo_seed_fitout(report: SeedReport) -> None:
    """One fit-out under works, with its permit and worker passes."""
    staff = _staff()
    lease = (
        Lease.objects.filter(events__kind=LeaseEvent.Kind.ADMISSION_OVERRIDDEN, events__note=NEW_LEASE)
        .filter(status=Lease.Status.ACTIVE)
        .first()
    )
    if len(staff) < 4 or lease is None or Application.objects.exists():
        return
    draw = rng("fitout")
    application = _applied_and_signed(lease, staff, draw)
    _permitted(application, staff)
    for trade, body, seed in WORKERS:
        worker_register(
            application=application,
            name=person_name(draw),
            id_number=_resident_id(body),
            trade=trade,
            photo=photo_jpeg(seed),
            by=staff["security"],
        )
    inspection_log(
        application=Application.objects.get(pk=application.pk),
        inspected_on=timezone.localdate(),
        findings="现场消防器材到位，动火作业有监护，施工垃圾已清运。",
        passed=True,
        by=staff["engineer"],
    )
    report.count("fit-outs", 1)
    report.count("worker passes", len(WORKERS))


def _applied_and_signed(lease: Lease, staff: dict[str, Any], draw: random.Random) -> Application:
    """The front desk enters the application with its drawings; tenant and contractor sign the agreement."""
    today = timezone.localdate()
    application = application_submit(
        data=ApplicationInput(
            lease=lease,
            units=list(lease.units.order_by("code")),
            contractor_company="上海华艺装饰工程有限公司",
            contractor_licence="D231012345",
            site_manager=person_name(draw),
            site_manager_phone="13916682045",
            scope="隔墙、吊顶、地毯、照明及弱电布线",
            starts_on=max(today - timedelta(days=10), lease.start_date),
            ends_on=today + timedelta(days=30),
            drawings=[scan("平面布置图.pdf", b"plan"), scan("电气系统图.pdf", b"power")],
        ),
        tenant=lease.tenant,
        by=staff["frontdesk"],
    )
    contact = lease.tenant.contacts.filter(is_primary=True).first()
    application_sign(
        application=application,
        tenant_signer=SignerInput(contact.name if contact else lease.tenant.name, drawn_signature(2)),
        contractor_signer=SignerInput(application.site_manager, drawn_signature(3)),
        by=staff["frontdesk"],
    )
    return application


def _permitted(application: Application, staff: dict[str, Any]) -> None:
    """Drawings approved, the deposit billed and paid, the power agreement recorded, the permit issued."""
    today = timezone.localdate()
    review_record(
        application=application, verdict="approved", opinion="图纸符合要求，同意施工。", by=staff["engineer"]
    )
    due = today + timedelta(days=application.lease.building.bill_payment_days)
    application = deposit_bill(application=application, amount=DEPOSIT, due_date=due, by=staff["finance"])
    _deposit_pay(application, staff["finance"])
    power_agreement_record(
        application=application, reference="SGYD-2025-017", signed_on=today, by=staff["finance"]
    )
    permit_issue(application=application, by=staff["engineer"])


def _deposit_pay(application: Application, by: User) -> None:
    bill = (
        Application.objects.select_related("deposit_account__bill")
        .get(pk=application.pk)
        .deposit_account.bill
    )
    data = PaymentInput(
        tenant=application.tenant,
        amount=bill.total,
        method="transfer",
        received_on=timezone.localdate(),
        idempotency_key=f"demo-fitout-{application.number}",
        reference=f"装修押金 {application.number}",
        payer=application.tenant.name,
    )
    payment_record(data=data, by=by, allocations={bill.pk: bill.total})


def _resident_id(body: str) -> str:
    """A valid resident ID from its first seventeen characters (the check character computed)."""
    return body + ric.calc_check_digit(body + "0")


# Called by ``leasing.demo.demo_seed`` in its transaction, after billing's stages.
DEMO_STAGES = (demo_seed_fitout,)
