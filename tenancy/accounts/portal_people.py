"""Portal pages of the tenant's people: administrators invite, re-assign and remove colleagues; everyone
chooses their e-mail notices and language."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from documents.errors import DomainError
from documents.models import Notice

from ..access import PortalRequest, portal_view
from ..models import Tenant, TenantMembership
from ..models.tenants import PortalRole
from ..portal_roles import COMPANY_ACTORS
from .people import (
    ROLES_ADMINISTRATORS_GIVE,
    people_of,
    portal_person_invite,
    portal_person_remove,
    portal_person_role_set,
    portal_preferences_set,
)

ROLE_CHOICES = [(value, label) for value, label in PortalRole.choices if value in ROLES_ADMINISTRATORS_GIVE]
LANGUAGE_CHOICES = [("", gettext_lazy("As the company's"))] + list(Tenant.Language.choices)


class InviteForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "name"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("e-mail"))
    # Any posted role reaches the service, which says at the field why a role is refused (administrator).
    role = forms.CharField(label=gettext_lazy("portal role"), widget=forms.RadioSelect(choices=ROLE_CHOICES))
    language = forms.ChoiceField(
        label=gettext_lazy("language of e-mails"), choices=LANGUAGE_CHOICES, required=False
    )


class PreferencesForm(forms.Form):
    email_topics = forms.MultipleChoiceField(
        label=gettext_lazy("Also send me by e-mail"),
        choices=Notice.Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    language = forms.ChoiceField(
        label=gettext_lazy("language of e-mails"), choices=LANGUAGE_CHOICES, required=False
    )


def _add_error(form: forms.Form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _people_page(request: HttpRequest, invite: InviteForm | None = None, status: int = 200) -> HttpResponse:
    membership = request.user.tenant_membership  # type: ignore[union-attr]
    context: dict[str, Any] = {
        "people": people_of(membership),
        "me": membership,
        "invite": invite or InviteForm(),
        "role_choices": ROLE_CHOICES,
    }
    return render(request, "portal/people.html", context, status=status)


@portal_view(roles=COMPANY_ACTORS)
def portal_people(request: HttpRequest) -> HttpResponse:
    """The tenant's administrators: its people with their roles, and the invitation form."""
    if request.method != "POST":
        return _people_page(request)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            person = portal_person_invite(by=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": person.user.email})
            return redirect("portal:people")
    return _people_page(request, form, status=400)


def _person(request: HttpRequest, pk: int) -> TenantMembership:
    """A person of the user's own tenant; another tenant's person is a 404."""
    return get_object_or_404(TenantMembership, pk=pk, tenant=request.tenant)  # type: ignore[attr-defined]


@require_POST
@portal_view(roles=COMPANY_ACTORS)
def portal_person_role(request: HttpRequest, pk: int) -> HttpResponse:
    """The tenant's administrators: give a colleague another role."""
    person = _person(request, pk)
    try:
        portal_person_role_set(by=request.user, membership=person, role=request.POST.get("role", ""))  # type: ignore[arg-type]
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Role changed."))
    return redirect("portal:people")


@require_POST
@portal_view(roles=COMPANY_ACTORS)
def portal_person_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """The tenant's administrators: remove a colleague's access."""
    person = _person(request, pk)
    try:
        portal_person_remove(by=request.user, membership=person)  # type: ignore[arg-type]
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Access removed for %(email)s.") % {"email": person.user.email})
    return redirect("portal:people")


@portal_view
def portal_preferences(request: PortalRequest) -> HttpResponse:
    """Every portal user: the notices they also get by e-mail, and the language of their e-mails."""
    membership = request.user.tenant_membership
    initial = {"email_topics": membership.email_topics, "language": membership.language}
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            portal_preferences_set(
                by=request.user,
                topics=form.cleaned_data["email_topics"],
                language=form.cleaned_data["language"],
            )
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Your choices are saved."))
            return redirect("portal:preferences")
    return render(request, "portal/preferences.html", {"form": form, "me": membership})
