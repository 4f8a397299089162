"""A building's credit terms (信用奖惩), set by management on the building form."""

from decimal import Decimal
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.db import transaction
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from tenancy.access import has_role
from tenancy.roles import Role

from .models import Building, BuildingCreditTerms

CREDIT_TERMS_EDITORS: tuple[str, ...] = (Role.MANAGEMENT,)


class BuildingCreditTermsForm(forms.ModelForm):
    """Shown to management under the building's own fields (prefix ``credit``)."""

    class Meta:
        model = BuildingCreditTerms
        fields = ["a_discount_percent", "c_deposit_months", "c_max_term_months"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="credit", **kwargs)
        self.fields["a_discount_percent"].required = False  # empty: no discount
        self.helper = FormHelper()
        self.helper.form_tag = False


def credit_terms_of(building: Building | None) -> BuildingCreditTerms:
    """The building's terms, or unsaved empty ones (no discount, nothing stricter)."""
    if building is not None and building.pk:
        found = BuildingCreditTerms.objects.filter(building=building).first()
        if found is not None:
            return found
    return BuildingCreditTerms(building=building) if building is not None else BuildingCreditTerms()


@transaction.atomic
def building_credit_terms_set(
    *,
    building: Building,
    a_discount_percent: Decimal | None,
    c_deposit_months: Decimal | None,
    c_max_term_months: int | None,
    by: User,
) -> BuildingCreditTerms:
    """Management sets what the building proposes for grade A (a rent discount) and asks of grade C (at least
    a deposit, at most a term); renewals and new drafts from then on use them."""
    if not has_role(by, CREDIT_TERMS_EDITORS):
        raise DomainError(_("Only management sets a building's credit terms."), field="a_discount_percent")
    discount = a_discount_percent or Decimal("0")
    if not Decimal("0") <= discount <= Decimal("50"):
        raise DomainError(_("The discount is between 0 and 50 percent."), field="a_discount_percent")
    if c_deposit_months is not None and c_deposit_months < 0:
        raise DomainError(_("The deposit cannot be negative."), field="c_deposit_months")
    if c_max_term_months is not None and c_max_term_months < 1:
        raise DomainError(_("The longest term is at least one month."), field="c_max_term_months")
    terms, _created = BuildingCreditTerms.objects.select_for_update().update_or_create(
        building=building,
        defaults={
            "a_discount_percent": discount,
            "c_deposit_months": c_deposit_months,
            "c_max_term_months": c_max_term_months,
        },
    )
    return terms
