"""Forms of the space inventory; they check the unit rules early so every message lands at its field."""

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Building, Unit
from .occupancy import STAFF_SET_STATUSES
from .validation import FLOOR_MAX, FLOOR_MIN, MSG_CODE_TAKEN, floor_number_error, unit_value_errors


class UnitForm(forms.ModelForm):
    """A unit's data; the floor is chosen by number and created with the unit when the building lacks it."""

    floor_number = forms.IntegerField(
        label=_("Floor"),
        min_value=FLOOR_MIN,
        max_value=FLOOR_MAX,
        help_text=_("Negative numbers are basements: -1 is B1."),
    )

    class Meta:
        model = Unit
        fields = [
            "building",
            "floor_number",
            "code",
            "gross_area",
            "usable_area",
            "use",
            "status",
            "guide_rent",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.floor_id:
            self.fields["floor_number"].initial = self.instance.floor.number
        self.fields["building"].empty_label = None if self.instance.pk else "---------"
        status = self.fields["status"]
        if self.instance.pk and self.instance.status not in STAFF_SET_STATUSES:
            # A lease (or a fit-out) holds the unit: its status follows them, nobody sets it here.
            status.disabled = True
            status.help_text = _("Follows the unit's leases and fit-out permits.")
        else:
            status.choices = [
                (value, label) for value, label in Unit.Status.choices if value in STAFF_SET_STATUSES
            ]
            status.help_text = _("Unavailable: withdrawn from letting. Otherwise the leases decide.")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column("building", css_class="col-md-5"),
                Column("floor_number", css_class="col-md-3"),
                Column("code", css_class="col-md-4"),
            ),
            Row(
                Column("gross_area", css_class="col-md-4"),
                Column("usable_area", css_class="col-md-4"),
                Column("guide_rent", css_class="col-md-4"),
            ),
            Row(Column("use", css_class="col-md-6"), Column("status", css_class="col-md-6")),
            "notes",
        )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()

    def clean_floor_number(self) -> int:
        number = self.cleaned_data["floor_number"]
        error = floor_number_error(number)
        if error:
            raise forms.ValidationError(error)
        return number

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        errors = unit_value_errors(
            gross_area=data.get("gross_area"),
            usable_area=data.get("usable_area"),
            guide_rent=data.get("guide_rent"),
        )
        for field, message in errors.items():
            self.add_error(field, message)
        building, code = data.get("building"), data.get("code")
        if building and code and building.units.filter(code=code).exclude(pk=self.instance.pk).exists():
            self.add_error("code", MSG_CODE_TAKEN)
        return data


class BuildingForm(forms.ModelForm):
    class Meta:
        model = Building
        fields = ["name", "code", "address", "bill_payment_days"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bill_payment_days"].required = False  # left empty: the building keeps what it had
        self.helper = FormHelper()
        self.helper.form_tag = False


class UnitImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 CSV with the header code,floor,gross_area,usable_area,use,status,guide_rent."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
