"""The voucher accounts form: a code and a name for each ledger account of ours."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Account
from .models.vouchers import CODE_VALIDATOR


class VoucherAccountsForm(forms.Form):
    """One code field and one name field per ledger account (``code_1122``, ``name_1122``)."""

    def __init__(self, *args: Any, mapping: dict[str, tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for account, label in Account.choices:
            code, name = mapping[account]
            self.fields[f"code_{account}"] = forms.CharField(
                label=_("Account code for %(a)s") % {"a": label},
                max_length=20,
                initial=code,
                validators=[CODE_VALIDATOR],
                widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "form-control"}),
            )
            self.fields[f"name_{account}"] = forms.CharField(
                label=_("Account name for %(a)s") % {"a": label},
                max_length=100,
                initial=name,
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )

    def rows(self) -> list[tuple[str, str, forms.BoundField, forms.BoundField]]:
        """(our account, its label, code field, name field) per ledger account, for the table."""
        return [(a, str(label), self[f"code_{a}"], self[f"name_{a}"]) for a, label in Account.choices]

    def mapping(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {a: (data[f"code_{a}"], data[f"name_{a}"]) for a in Account.values}
