"""The chart-of-accounts mapping for journal vouchers (记账凭证): finance's code and name for each ledger
account of ours, as its accounting package knows them."""

import pghistory
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .ledger import Account

CODE_VALIDATOR = RegexValidator(
    r"^[0-9]{4,20}$", _("An account code is 4 to 20 digits, e.g. 1122 or 600101.")
)


@pghistory.track(
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    model_name="VoucherAccountHistory",
    obj_field=pghistory.ObjForeignKey(related_name="history"),
)
class VoucherAccount(models.Model):
    """Finance's account code and name for one of our ledger accounts; an account with no row here uses the
    default of ``billing.vouchers.DEFAULT_ACCOUNTS``."""

    account = models.CharField(_("ledger account"), max_length=4, choices=Account.choices, unique=True)
    code = models.CharField(
        pgettext_lazy("voucher", "account code"), max_length=20, validators=[CODE_VALIDATOR]
    )
    name = models.CharField(pgettext_lazy("voucher", "account name"), max_length=100)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("changed by")
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("voucher account")
        verbose_name_plural = _("voucher accounts")
        ordering = ["account"]

    def __str__(self) -> str:
        return f"{self.account} → {self.code} {self.name}"
