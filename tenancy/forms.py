"""Forms of the tenant pages: tenant details, a contact, a new portal account.

Forms check the input and show messages at the field; the services decide (and check again). A DomainError
from a service is put back on the form with ``add_domain_error``.
"""

from typing import Any

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.errors import DomainError

from .models import Contact, Tenant
from .selectors import tenant_with_identifier
from .validators import (
    duplicate_message,
    mask_id_number,
    normalize_code,
    validate_credit_code,
    validate_mobile,
    validate_resident_id,
)

TENANT_FIELDS = [
    "kind",
    "name",
    "credit_code",
    "id_number",
    "legal_representative",
    "phone",
    "email",
    "address",
    "language",
    "notes",
]
CONTACT_FIELDS = ["name", "position", "mobile", "email", "is_primary"]


def add_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show a service's refusal at the field it names (or at the top of the form)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False  # the template writes the <form> with its buttons
    return helper


def _identifier_field(name: str, help_text: Any) -> forms.CharField:
    # Longer than the 18 stored characters: spaces and dashes are allowed in the input and removed.
    label = capfirst(Tenant._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
    return forms.CharField(label=label, required=False, max_length=40, help_text=help_text)


class TenantForm(forms.ModelForm):
    credit_code = _identifier_field(
        "credit_code", _("18 characters, for a company. Printed on the business licence.")
    )
    id_number = _identifier_field("id_number", _("18 characters, for a person. Kept confidential."))

    class Meta:
        model = Tenant
        fields = TENANT_FIELDS
        widgets = {
            "kind": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, can_see_confidential: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A form posted without a language (an older page, a script) keeps the tenant's or the default.
        self.fields["language"].required = False
        # A person's ID number stays masked and read-only for staff without the confidential permission;
        # the kind is locked with it, since changing it would erase the number.
        self.locked_id_number = ""
        if self.instance.pk and self.instance.kind == Tenant.Kind.PERSON and not can_see_confidential:
            self.locked_id_number = self.instance.id_number
            self.fields["id_number"].disabled = True
            self.fields["kind"].disabled = True
            self.initial["id_number"] = mask_id_number(self.instance.id_number)
            self.fields["id_number"].help_text = _("Shown masked: your role may not see ID numbers.")
        self.helper = _helper()
        self.helper.layout = Layout(
            InlineRadios("kind"),
            "name",
            Row(
                Column(Div("credit_code", css_class="identifier-company"), css_class="col-md-6"),
                Column(Div("id_number", css_class="identifier-person"), css_class="col-md-6"),
            ),
            "legal_representative",
            Row(Column("phone", css_class="col-md-6"), Column("email", css_class="col-md-6")),
            "address",
            "language",
            "notes",
        )

    def clean_credit_code(self) -> str:
        return normalize_code(self.cleaned_data.get("credit_code", ""))

    def clean_language(self) -> str:
        return self.cleaned_data.get("language") or self.instance.language or Tenant.Language.ZH_HANS

    def clean_id_number(self) -> str:
        if self.locked_id_number:
            return self.locked_id_number
        return normalize_code(self.cleaned_data.get("id_number", ""))

    def clean(self) -> dict[str, Any]:
        """Check the identifier the chosen kind needs (at its field) and blank the other one."""
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == Tenant.Kind.COMPANY:
            self._check_identifier(
                "credit_code", validate_credit_code, _("A company needs its unified social credit code.")
            )
            data["id_number"] = ""
        elif kind == Tenant.Kind.PERSON:
            self._check_identifier(
                "id_number", validate_resident_id, _("A person needs a resident ID number.")
            )
            data["credit_code"] = ""
        return data

    def _check_identifier(self, field: str, validator: Any, missing: Any) -> None:
        value = self.cleaned_data.get(field, "")
        if field in self.errors:
            return
        if not value:
            self.add_error(field, missing)
            return
        try:
            self.cleaned_data[field] = validator(value)
        except ValidationError as error:
            self.add_error(field, error)
            return
        other = tenant_with_identifier(
            field=field, value=self.cleaned_data[field], exclude_pk=self.instance.pk
        )
        if other is not None:
            self.add_error(field, duplicate_message(field, other.name))


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = CONTACT_FIELDS
        labels = {"name": capfirst(pgettext_lazy("a person's", "name"))}
        help_texts = {
            "mobile": _("A mainland mobile number: 11 digits starting with 1."),
            "is_primary": _(
                "The tenant's main contact; the previous primary contact becomes an ordinary one."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_mobile(self) -> str:
        mobile = self.cleaned_data.get("mobile", "")
        return validate_mobile(mobile) if mobile else ""


class PortalAccountForm(forms.Form):
    username = forms.CharField(label=capfirst(_("username")), max_length=150)
    email = forms.EmailField(label=capfirst(_("e-mail")))
    password = forms.CharField(
        label=capfirst(_("initial password")),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to generate one; it is shown once, after the account is created."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
