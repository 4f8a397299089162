"""Reads of payee details: the account a bill, a dunning letter or the portal tells a tenant to pay into."""

import base64
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from documents.storage import document_storage
from leasing.models import Lease
from tenancy.models import Tenant

from .models import Bill, PayeeAccount


@dataclass(frozen=True)
class Payee:
    """What a tenant needs to pay: account name, bank, account number, what to quote, the optional QR image.

    ``reference`` is the value to quote when it is known (the bill's or the lease's number), else "";
    ``reference_hint`` says in the reader's language what to quote; ``qr_data_uri`` is a ``data:`` URI of the
    payment QR image (allowed by the portal's CSP and by the PDF renderer), or "" when finance gave none."""

    account_name: str
    bank: str
    account_number: str
    reference: str
    reference_hint: str  # lazy: read in the language of the page or paper it is shown on
    qr_data_uri: str


def payee_for_bill(bill: Bill) -> Payee | None:
    """The payee account of the bill's building, the reference to quote being this bill's (or its lease's)
    number; None when finance has set no account for that building. One query (two with a QR image read)."""
    account = _account_of_building(bill.building_id)
    if account is None:
        return None
    lease_number = bill.lease.number if bill.lease_id else ""
    value = bill.number if account.reference == PayeeAccount.Reference.BILL else lease_number
    return _payee(account, value)


def payee_for_tenant(tenant: Tenant) -> Payee | None:
    """The payee account of the building of the tenant's newest running (else newest) lease, for the portal:
    the reference is the lease's number when the account asks for it, else "" (each bill carries its own
    number; ``reference_hint`` tells the tenant to quote it). None when the tenant has no lease or the
    building no account. Two queries (three with a QR image read)."""
    leases = Lease.objects.filter(tenant=tenant).order_by("-start_date", "-pk")
    lease = leases.filter(status__in=Lease.RUNNING).first() or leases.first()
    if lease is None:
        return None
    account = _account_of_building(lease.building_id)
    if account is None:
        return None
    value = lease.number if account.reference == PayeeAccount.Reference.LEASE else ""
    return _payee(account, value)


def _account_of_building(building_id: int) -> PayeeAccount | None:
    return PayeeAccount.objects.filter(buildings__id=building_id).first()


def _payee(account: PayeeAccount, reference: str) -> Payee:
    if account.reference == PayeeAccount.Reference.BILL:
        hint = _("Quote the bill number with your payment.")
    else:
        hint = _("Quote the lease number with your payment.")
    return Payee(
        account_name=account.account_name,
        bank=account.bank,
        account_number=account.account_number,
        reference=reference,
        reference_hint=hint,
        qr_data_uri=qr_data_uri(account),
    )


def qr_data_uri(account: PayeeAccount) -> str:
    """The account's payment QR image as a ``data:`` URI, or "" when there is none (or its file is gone)."""
    if not account.qr_path:
        return ""
    storage = document_storage()
    if not storage.exists(account.qr_path):
        return ""
    with storage.open(account.qr_path, "rb") as handle:
        encoded = base64.b64encode(handle.read()).decode("ascii")
    return f"data:{account.qr_content_type};base64,{encoded}"
