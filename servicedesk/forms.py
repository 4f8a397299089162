"""Forms of the service desk, for staff and for the portal; services have the last word on every rule."""

from decimal import Decimal
from typing import Any

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from documents.pending import KeepsUploads
from leasing.models import Building, Unit
from tenancy.forms import add_domain_error
from tenancy.models import Tenant
from tenancy.people import display_name

from .models import Category, Department, Ticket
from .permissions import RECEIVERS, users_with_role
from .selectors import portal_units
from .services import MAX_PHOTOS
from .services._base import photo_check

__all__ = ["add_domain_error"]

RATING_MESSAGE = _("Rate it from 1 (very poor) to 5 (very good).")


class CapitalLabels:
    """Labels start with a capital letter, as on every other page (verbose names are lower case)."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.label = capfirst(field.label)


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False  # the template writes the <form> with its buttons
    return helper


def _photos_help() -> str:
    return gettext("Up to %(n)d JPEG or PNG photos, each at most %(mb)d MB.") % {
        "n": MAX_PHOTOS,
        "mb": settings.SERVICE_PHOTO_MAX_BYTES // (1024 * 1024),
    }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to ``MAX_PHOTOS`` JPEG or PNG photos (told by their bytes), each within the size limit."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Photos"))
        kwargs.setdefault("help_text", lazy(_photos_help, str)())
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png", "multiple": True})
        )
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_PHOTOS:
            raise ValidationError(_("Add at most %(n)d photos at a time.") % {"n": MAX_PHOTOS})
        cleaned = [super(PhotosField, self).clean(f, initial) for f in files]
        for photo in cleaned:
            photo_check(photo)
        return cleaned


def _unit_label(unit: Unit) -> str:
    return f"{unit.building.code} · {unit.code}"


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return _unit_label(obj)


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Category) -> str:
        return obj.label


def _units() -> QuerySet[Unit]:
    return Unit.objects.select_related("building").order_by("building__code", "code")


class _TicketFields(KeepsUploads, CapitalLabels, forms.Form):
    """What both the desk and the portal ask when a ticket is filed; photos survive a failed post."""

    kept_fields = ("photos",)

    kind = forms.ChoiceField(label=_("kind"), choices=Ticket.Kind.choices)
    urgency = forms.ChoiceField(
        label=_("urgency"),
        choices=Ticket.Urgency.choices,
        initial=Ticket.Urgency.NORMAL,
        help_text=_(
            "Urgent: a danger or a stoppage (water leak, power cut, lift stuck) answered within the hour."
        ),
    )
    category = CategoryChoiceField(label=_("category"), queryset=Category.objects.none())
    building = forms.ModelChoiceField(
        label=_("building"),
        queryset=Building.objects.order_by("code"),
        required=False,
        help_text=_("Where it happened; not needed when you choose a unit."),
    )
    unit = UnitChoiceField(label=_("unit"), queryset=Unit.objects.none(), required=False)
    location = forms.CharField(
        label=_("place"),
        max_length=200,
        required=False,
        help_text=_("For a common area: e.g. lobby, 3F east restroom, car park B1."),
    )
    description = forms.CharField(
        label=_("description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("What happened, where exactly, since when."),
    )
    contact_name = forms.CharField(label=_("contact person"), max_length=100, required=False)
    contact_phone = forms.CharField(label=_("contact phone"), max_length=30, required=False)
    photos = PhotosField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(active=True).order_by("name")
        self.fields["unit"].queryset = _units()
        self.helper = _helper()
        self.keep_uploads_init()

    def clean_description(self) -> str:
        description = self.cleaned_data.get("description", "").strip()
        if not description:
            raise ValidationError(_("Please describe the problem or the request."))
        return description

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        unit, building = data.get("unit"), data.get("building")
        if unit is not None:
            if building is not None and building.pk != unit.building_id:
                self.add_error("unit", _("This unit is not in the chosen building."))
            data["building"] = unit.building
        elif building is None and "building" not in self.errors:
            self.add_error("building", _("Choose the building, or the unit, where it happened."))
        return data


class TicketForm(_TicketFields):
    """A ticket received by phone, e-mail or at the counter: the receiver owns it."""

    tenant = forms.ModelChoiceField(
        label=_("tenant"),
        queryset=Tenant.objects.none(),
        required=False,
        help_text=_("Leave empty for a visitor or a neighbour."),
    )
    channel = forms.ChoiceField(
        label=pgettext_lazy("service desk", "channel"),
        choices=[c for c in Ticket.Channel.choices if c[0] != Ticket.Channel.PORTAL],
        initial=Ticket.Channel.PHONE,
    )

    field_order = [
        "tenant",
        "contact_name",
        "contact_phone",
        "channel",
        "kind",
        "urgency",
        "category",
        "building",
        "unit",
        "location",
        "description",
        "photos",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tenant"].queryset = Tenant.objects.exclude(status=Tenant.Status.ARCHIVED).order_by(
            "name"
        )


class PortalTicketForm(_TicketFields):
    """A ticket a tenant files in the portal: the front desk acknowledges it and then owns it."""

    field_order = [
        "kind",
        "urgency",
        "category",
        "building",
        "unit",
        "location",
        "description",
        "photos",
        "contact_name",
        "contact_phone",
    ]

    def __init__(self, *args: Any, tenant: Tenant, **kwargs: Any) -> None:
        self.upload_scope = str(tenant.pk)  # a photo kept for one tenant is never filed for another
        super().__init__(*args, **kwargs)
        # A tenant reports on its own units, or on a common area (a building and a place): never on
        # another tenant's unit.
        self.fields["unit"].queryset = portal_units(tenant)
        # On a phone the photo button opens the back camera (a gallery is still offered by most browsers).
        self.fields["photos"].widget.attrs.update({"accept": "image/*", "capture": "environment"})
        self.fields["unit"].help_text = _(
            "One of your units under a current lease; "
            "for a common area leave it empty and choose the building."
        )


class AcknowledgeForm(CapitalLabels, forms.Form):
    reply = forms.CharField(
        label=_("Reply to the tenant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What happens next and when, e.g. “An engineer will come tomorrow between 9 and 11.”"),
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return display_name(obj)


def _staff(roles: tuple[str, ...] | None = None) -> QuerySet[Any]:
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    if roles is not None:
        users = users.filter(groups__name__in=roles)
    return users.order_by("first_name", "username").distinct()


class HandoverForm(CapitalLabels, forms.Form):
    to = UserChoiceField(
        label=_("Hand over to"),
        queryset=_staff(RECEIVERS),
        error_messages={
            "invalid_choice": _(
                "Only someone at the front desk or in management can own a ticket; choose one of them."
            ),
        },
    )
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = _staff(RECEIVERS)


class AssigneeChoiceField(UserChoiceField):
    """People of one department, each shown with it: "王工 · 工程部"."""

    department_label: Any = ""

    def label_from_instance(self, obj: Any) -> str:
        return f"{display_name(obj)} · {self.department_label}"


class AssignForm(CapitalLabels, forms.Form):
    """The department and, optionally, a person of it: the person list is the chosen department's, and is
    fetched again (htmx) when another department is chosen."""

    department = forms.ChoiceField(label=_("department"), choices=Department.choices)
    assignee = AssigneeChoiceField(
        label=_("person"),
        queryset=_staff(()),
        required=False,
        help_text=_("Someone in that department; leave empty to let the department pick."),
        error_messages={"invalid_choice": _("Choose someone in the chosen department.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        department = self.chosen_department()
        field = self.fields["assignee"]
        field.queryset = users_with_role(department)
        field.department_label = Department(department).label
        self.fields["department"].widget.attrs.update(
            {
                "hx-get": reverse("servicedesk:assignee-options"),
                "hx-target": "#id_assignee",
                "hx-swap": "innerHTML",
                "hx-trigger": "change",
            }
        )

    def chosen_department(self) -> str:
        """The department posted, else the one the form starts with, else the first (the one shown)."""
        chosen = self.data.get("department") if self.is_bound else self.initial.get("department")
        return chosen if chosen in Department.values else Department.values[0]


class CommentForm(CapitalLabels, forms.Form):
    text = forms.CharField(
        label=pgettext_lazy("service desk", "comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    public = forms.BooleanField(
        label=_("Show to the tenant"),
        required=False,
        help_text=_("Unticked, only staff see it."),
    )
    photos = PhotosField()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("photos") and "photos" not in self.errors:
            self.add_error("text", _("Write a comment or add a photo."))
        return data


class PortalCommentForm(CommentForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["public"]


class ResolveForm(CapitalLabels, forms.Form):
    resolution = forms.CharField(
        label=pgettext_lazy("service desk", "What was done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("The tenant reads this."),
    )
    cause = forms.ChoiceField(
        label=_("cause"), choices=[("", "---------"), *Ticket.Cause.choices], required=False
    )

    def clean_resolution(self) -> str:
        text = self.cleaned_data.get("resolution", "").strip()
        if not text:
            raise ValidationError(pgettext_lazy("service desk", "Say what was done."))
        return text

    def clean_cause(self) -> str:
        cause = self.cleaned_data.get("cause", "")
        if not cause:
            raise ValidationError(_("Choose the cause."))
        return cause


class ReopenForm(CapitalLabels, forms.Form):
    reason = forms.CharField(
        label=pgettext_lazy("service desk", "reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class NotFixedForm(CapitalLabels, forms.Form):
    """The tenant's "not fixed — reopen": what is still wrong (the service requires it)."""

    comment = forms.CharField(
        label=_("What is still not right?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class RatingForm(CapitalLabels, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("rating"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": RATING_MESSAGE, "required": RATING_MESSAGE},
        help_text=_("1 very poor, 5 very good."),
    )
    comment = forms.CharField(
        label=pgettext_lazy("service desk", "comment"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.helper.layout = Layout(InlineRadios("rating"), "comment")


class QuoteForm(CapitalLabels, forms.Form):
    amount = forms.DecimalField(
        label=_("amount (CNY)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={"min_value": _("The amount must be more than zero.")},
    )
    text = forms.CharField(
        label=_("What the price covers"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
