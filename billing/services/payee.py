"""Finance keeps the payee accounts (where tenants pay) and how each account's bank statements read."""

from dataclasses import dataclass
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from documents.filetypes import sniff
from documents.storage import file_store
from leasing.models import Building
from tenancy.access import require_role
from tenancy.roles import Role

from ..models import PayeeAccount, PayeeAccountBuilding, StatementLayout

PAYEE_KEEPERS = (Role.FINANCE,)


@dataclass(frozen=True)
class PayeeInput:
    label: str
    account_name: str
    bank: str
    account_number: str
    reference: str
    buildings: list[Building]
    qr: File | None = None
    qr_remove: bool = False


def _check_keeper(by: User) -> None:
    require_role(by, PAYEE_KEEPERS, _("Only finance keeps the payee accounts."))


@transaction.atomic
def payee_account_save(*, account: PayeeAccount | None, data: PayeeInput, by: User) -> PayeeAccount:
    """Create or change a payee account; the buildings chosen use it from now on (moved from the account they
    used before, which other buildings keep). A new QR image replaces the old one; the file is kept."""
    _check_keeper(by)
    if account is None:
        account = PayeeAccount()
    else:
        account = PayeeAccount.objects.select_for_update().get(pk=account.pk)
    for field in ("label", "account_name", "bank", "account_number", "reference"):
        setattr(account, field, getattr(data, field))
    if data.qr is not None:
        account.qr_content_type = _image_type(data.qr)
        account.qr_path = file_store(file=data.qr, extension=_extension(account.qr_content_type))
    elif data.qr_remove:
        account.qr_path = account.qr_content_type = ""
    account.updated_by = by
    account.save()
    chosen = {building.pk for building in data.buildings}
    PayeeAccountBuilding.objects.filter(account=account).exclude(building_id__in=chosen).delete()
    PayeeAccountBuilding.objects.filter(building_id__in=chosen).exclude(account=account).delete()
    have = set(PayeeAccountBuilding.objects.filter(account=account).values_list("building_id", flat=True))
    PayeeAccountBuilding.objects.bulk_create(
        [PayeeAccountBuilding(account=account, building_id=pk) for pk in sorted(chosen - have)]
    )
    return account


def _image_type(file: File) -> str:
    file.seek(0)
    kind = sniff(file.read(16))
    file.seek(0)
    if kind is None or not kind.content_type.startswith("image/"):
        raise DomainError(_("The QR image must be a PNG or JPEG picture."), field="qr")
    return kind.content_type


def _extension(content_type: str) -> str:
    return ".png" if content_type == "image/png" else ".jpg"


@transaction.atomic
def statement_layout_save(*, account: PayeeAccount, values: dict[str, Any], by: User) -> StatementLayout:
    """Set how this account's bank statements read; an amount (or credit) column is required, since a
    statement without one cannot say what was paid."""
    _check_keeper(by)
    values = {key: value.strip() if isinstance(value, str) else value for key, value in values.items()}
    if not values.get("amount_column") and not values.get("credit_column"):
        raise DomainError(
            _("Name the amount column, or the credit column when the bank splits credits and debits."),
            field="amount_column",
        )
    layout, _created = StatementLayout.objects.update_or_create(account=account, defaults=values)
    return layout
