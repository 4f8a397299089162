"""Finance keeps the chart-of-accounts mapping the journal vouchers use."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from tenancy.access import require_role
from tenancy.roles import Role

from ..models import Account, VoucherAccount
from ..models.vouchers import CODE_VALIDATOR

MAPPING_EDITORS = (Role.FINANCE,)


def _check(account: str, code: str, name: str) -> None:
    if account not in Account.values:
        raise DomainError(_("Unknown ledger account %(a)s.") % {"a": account})
    try:
        CODE_VALIDATOR(code)
    except ValidationError as error:
        raise DomainError(error.messages[0], field=f"code_{account}") from None
    if not name.strip():
        raise DomainError(_("Give the account's name."), field=f"name_{account}")


@transaction.atomic
def voucher_accounts_save(*, mapping: dict[str, tuple[str, str]], by: User) -> int:
    """Finance sets the code and name of each ledger account in the vouchers; returns how many changed.
    Every account is checked before any is written, so a bad one leaves the mapping as it was."""
    require_role(by, MAPPING_EDITORS, _("Only finance may change the voucher accounts."))
    for account, (code, name) in mapping.items():
        _check(account, code.strip(), name)
    stored = {row.account: row for row in VoucherAccount.objects.select_for_update()}
    changed = 0
    for account, (code, name) in mapping.items():
        code, name = code.strip(), name.strip()
        row = stored.get(account)
        if row is not None and (row.code, row.name) == (code, name):
            continue
        VoucherAccount.objects.update_or_create(
            account=account, defaults={"code": code, "name": name, "updated_by": by}
        )
        changed += 1
    return changed
