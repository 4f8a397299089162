"""A building's credit terms (信用奖惩): what a lease or renewal proposes for grade A and grade C tenants."""

from decimal import Decimal

import pghistory
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .space import Building


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class BuildingCreditTerms(models.Model):
    """Set by management per building: a rent discount for grade A; for grade C at least a deposit and at most
    a term. Empty means the grade changes nothing there."""

    building = models.OneToOneField(
        Building, on_delete=models.CASCADE, related_name="credit_terms", verbose_name=_("building")
    )
    a_discount_percent = models.DecimalField(
        _("grade A rent discount (%)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("50"))],
        help_text=_("Proposed on a grade A tenant's renewal and recorded as a reward; 0 for none."),
    )
    c_deposit_months = models.DecimalField(
        _("grade C deposit (months of rent)"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("24"))],
        help_text=_("A grade C tenant's lease needs at least this deposit; empty for no stricter deposit."),
    )
    c_max_term_months = models.PositiveSmallIntegerField(
        _("grade C longest term (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("A grade C tenant's lease runs at most this long; empty for no shorter term."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("building credit terms")
        verbose_name_plural = _("building credit terms")
        constraints = [
            models.CheckConstraint(
                condition=Q(a_discount_percent__gte=0) & Q(a_discount_percent__lte=50),
                name="credit_terms_discount_range",
            ),
            models.CheckConstraint(
                condition=Q(c_max_term_months__isnull=True) | Q(c_max_term_months__gte=1),
                name="credit_terms_term_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.building}: A −{self.a_discount_percent}%"
