"""The tenant's freight-lift requests (货梯预约) in the portal: ask for a slot, read the answer."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.errors import DomainError
from leasing.models import Building
from tenancy.access import PortalRequest, for_tenant, portal_role, portal_view
from tenancy.forms import add_domain_error
from tenancy.portal_roles import OPERATIONS_ACTORS, OPERATIONS_READERS

from .models import FreightLiftRequest, RelocationBooking
from .services.freight import freight_lift_buildings, freight_lift_request


class FreightLiftForm(forms.Form):
    building: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=Building.objects.none(), label=gettext_lazy("Building")
    )
    day = forms.DateField(
        label=gettext_lazy("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    slot = forms.ChoiceField(label=gettext_lazy("Time"), choices=RelocationBooking.Slot.choices)
    purpose = forms.CharField(label=gettext_lazy("What is carried"), max_length=200)

    def __init__(self, *args: object, tenant_id: int, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        buildings = freight_lift_buildings(tenant_id)
        field = self.fields["building"]
        field.queryset = buildings  # type: ignore[attr-defined]
        if len(buildings) == 1:
            field.initial = buildings[0].pk


@portal_view(roles=OPERATIONS_READERS)
def portal_freight_lift(request: PortalRequest) -> HttpResponse:
    """Portal users of the tenant who see operations: its requests; administrators and operations people ask
    for a slot (a read-only or finance person only reads)."""
    may_ask = portal_role(request.user) in OPERATIONS_ACTORS
    form = FreightLiftForm(request.POST or None, tenant_id=request.tenant.pk) if may_ask else None
    if request.method == "POST":
        if form is None:
            return render(request, "403.html", status=403)
        if form.is_valid():
            try:
                freight_lift_request(by=request.user, tenant=request.tenant, **form.cleaned_data)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, _("Requested: the front desk confirms the slot here."))
                return redirect("portal:freight-lift")
    requests = for_tenant(request, FreightLiftRequest.objects.select_related("building")).order_by(
        "-day", "-pk"
    )
    page = Paginator(requests, 25).get_page(request.GET.get("page"))
    return render(request, "handover/portal/freight_lift.html", {"form": form, "page": page})
