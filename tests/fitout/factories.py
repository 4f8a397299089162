"""Fit-out test data, made through the services as people would: a live lease, an application with a PDF
drawing, signed, reviewed, the deposit billed and paid, the permit issued."""

import io
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from fitout import services
from fitout.models import Application
from handover.services import SignerInput
from leasing.models import Lease
from tests.billing.factories import pay
from tests.factories import make_resident_id, staff
from tests.handover.factories import png
from tests.leasing.lease_factories import lease_in

DEPOSIT = Decimal("10000.00")


def today() -> Any:
    return timezone.localdate()


def pdf(name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")


def jpeg(name: str = "photo.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), (30, 90, 160)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/jpeg")


def live_lease(tenant: Any = None) -> Lease:
    return lease_in(Lease.Status.ACTIVE, tenant=tenant)


def application_input(lease: Lease, **overrides: Any) -> services.ApplicationInput:
    values: dict[str, Any] = {
        "lease": lease,
        "units": list(lease.units.all()),
        "contractor_company": "上海华艺装饰工程有限公司",
        "contractor_licence": "D231012345",
        "site_manager": "赵强",
        "site_manager_phone": "13912345678",
        "scope": "隔墙、吊顶、地毯、照明",
        "starts_on": today() + timedelta(days=1),
        "ends_on": today() + timedelta(days=40),
        "drawings": [pdf()],
    }
    return services.ApplicationInput(**{**values, **overrides})


def applied(tenant: Any = None, *, by: Any = None, **overrides: Any) -> Application:
    lease = live_lease(tenant)
    return services.application_submit(
        data=application_input(lease, **overrides), tenant=lease.tenant, by=by or staff("front_desk")
    )


def sign(application: Application, by: Any = None) -> Application:
    services.application_sign(
        application=application,
        tenant_signer=SignerInput("李华", png()),
        contractor_signer=SignerInput("赵强", png()),
        by=by or staff("front_desk"),
    )
    return Application.objects.get(pk=application.pk)


def approve(application: Application, by: Any = None) -> Application:
    services.review_record(
        application=application, verdict="approved", opinion="符合要求", by=by or staff("engineering")
    )
    return Application.objects.get(pk=application.pk)


def bill_deposit(application: Application, amount: Decimal = DEPOSIT, by: Any = None) -> Application:
    services.deposit_bill(
        application=application,
        amount=amount,
        due_date=today() + timedelta(days=7),
        by=by or staff("finance"),
    )
    return Application.objects.get(pk=application.pk)


def pay_deposit(application: Application, by: Any = None) -> None:
    pay(application.tenant, application.deposit_account.bill.total, by=by or staff("finance"), on=today())


def power(application: Application) -> Application:
    services.power_agreement_record(
        application=application, reference="YD-001", signed_on=today(), by=staff("finance")
    )
    return Application.objects.get(pk=application.pk)


def ready(tenant: Any = None, deposit: Decimal = DEPOSIT, **overrides: Any) -> Application:
    """Everything the permit needs is there."""
    application = power(bill_deposit(approve(sign(applied(tenant, **overrides))), deposit))
    pay_deposit(application)
    return application


def permitted(
    tenant: Any = None, deposit: Decimal = DEPOSIT, by: Any = None, **overrides: Any
) -> Application:
    application = ready(tenant, deposit, **overrides)
    services.permit_issue(application=application, by=by or staff("engineering"))
    return Application.objects.get(pk=application.pk)


def worker(application: Application, n: int = 1, by: Any = None) -> Any:
    return services.worker_register(
        application=application,
        name="王师傅",
        id_number=make_resident_id(n),
        trade="木工",
        photo=jpeg(),
        by=by or staff("security"),
    )
