"""Forms of the tariff and fee standard pages: finance's proposal, management's decision."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leasing.models import Building

from .models import StandardKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(label=_("Standard"), choices=StandardKind.choices)
    building = forms.ModelChoiceField(
        label=_("Building"),
        queryset=Building.objects.order_by("name"),
        required=False,
        help_text=_(
            "Required for a fit-out fee. For a utility tariff: empty for the general price, or the building "
            "whose own price wins over it."
        ),
    )
    price = forms.DecimalField(
        label=_("Price (CNY)"),
        max_digits=12,
        decimal_places=4,
        help_text=_("Per kWh or m³ for a tariff; per m² of gross area, or per pass, for a fit-out fee."),
    )
    effective_from = forms.DateField(label=_("Effective from"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["effective_from"].widget.attrs["min"] = timezone.localdate().isoformat()


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to reject."),
    )
