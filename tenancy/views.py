"""Staff pages of the tenant file: list, detail tabs, create/edit, contacts, portal accounts, the card."""

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from documents.access import staff_downloadable_ids
from documents.actors import AnyUser
from documents.errors import DomainError
from documents.scoping import document_scope_q
from documents.services import document_render
from documents.wording import in_tenant_language

from . import selectors, services
from .access import can_see_confidential, has_role, role_required
from .accounts import services as account_services
from .document_kinds import TENANT_CARD
from .filters import TenantFilter
from .forms import ContactForm, PortalAccountForm, TenantForm, add_domain_error
from .intake import selectors as intake_selectors
from .models import Contact, Tenant, TenantMembership
from .people import display_name
from .roles import ALL_STAFF
from .scope import application_scope, tenant_scope
from .services import PORTAL_ACCOUNT_MANAGERS, TENANT_EDITORS
from .tables import TenantTable

if TYPE_CHECKING:
    from django.contrib.auth.models import User

PER_PAGE = 25


def _actor(request: HttpRequest) -> "User":
    """The logged-in staff user (``role_required`` has made sure there is one)."""
    return cast("User", request.user)


def _get_tenant(request: HttpRequest, pk: int, queryset: QuerySet[Tenant] | None = None) -> Tenant:
    """The tenant if one of the user's buildings sees it, else 404."""
    return get_object_or_404(
        tenant_scope(Tenant.objects.all() if queryset is None else queryset, request.user), pk=pk
    )


def _get_contact(request: HttpRequest, tenant_pk: int, pk: int) -> Contact:
    contacts = tenant_scope(Contact.objects.select_related("tenant"), request.user, "tenant")
    return get_object_or_404(contacts, pk=pk, tenant_id=tenant_pk)


def _get_membership(request: HttpRequest, tenant_pk: int, pk: int) -> TenantMembership:
    memberships = tenant_scope(
        TenantMembership.objects.select_related("user", "tenant"), request.user, "tenant"
    )
    return get_object_or_404(memberships, pk=pk, tenant_id=tenant_pk)


def _page(request: HttpRequest, tenant: Tenant, tab: str, **extra: Any) -> dict[str, Any]:
    """What every tab of a tenant page needs: the tenant, its identifier as this user may see it, buttons."""
    return {
        "tenant": tenant,
        "tab": tab,
        "identifier": selectors.identifier_for(tenant, request.user),
        "can_edit": has_role(request.user, TENANT_EDITORS),
        "can_manage_accounts": has_role(request.user, PORTAL_ACCOUNT_MANAGERS),
        "grade": intake_selectors.latest_grade(tenant.pk),
        **extra,
    }


# --- tenants ---------------------------------------------------------------------------------------------


@role_required(*ALL_STAFF)
def tenant_list(request: HttpRequest) -> HttpResponse:
    """All staff roles."""
    filterset = TenantFilter(
        request.GET or None, queryset=tenant_scope(selectors.tenant_list(), request.user)
    )
    queryset: QuerySet[Tenant] = filterset.qs if filterset.is_bound else filterset.queryset
    table = TenantTable(queryset, show_confidential=can_see_confidential(request.user))
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    context = {"filter": filterset, "table": table, "can_edit": has_role(request.user, TENANT_EDITORS)}
    return render(request, "tenancy/tenant_list.html", context)


@role_required(*TENANT_EDITORS)
def tenant_create(request: HttpRequest) -> HttpResponse:
    """Front desk, business department, management."""
    form = TenantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            tenant = services.tenant_create(by=_actor(request), **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Tenant “%(name)s” created.") % {"name": tenant.name})
            return redirect("tenancy:tenant-detail", pk=tenant.pk)
    return render(request, "tenancy/tenant_form.html", {"form": form, "tenant": None})


@role_required(*TENANT_EDITORS)
def tenant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk, business department, management."""
    tenant = _get_tenant(request, pk)
    form = TenantForm(
        request.POST or None, instance=tenant, can_see_confidential=can_see_confidential(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.tenant_update(tenant=tenant, by=_actor(request), **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Tenant “%(name)s” saved.") % {"name": form.cleaned_data["name"]})
            return redirect("tenancy:tenant-detail", pk=tenant.pk)
    tenant.refresh_from_db()
    return render(request, "tenancy/tenant_form.html", {"form": form, "tenant": tenant})


@role_required(*ALL_STAFF)
def tenant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """All staff roles."""
    tenant = _get_tenant(request, pk, selectors.tenant_page_queryset())
    return render(request, "tenancy/tenant_detail.html", _page(request, tenant, "overview"))


@role_required(*ALL_STAFF)
def tenant_documents(request: HttpRequest, pk: int) -> HttpResponse:
    """All staff roles (every document is listed; each opens only for the roles documents.access allows)."""
    tenant = _get_tenant(request, pk)
    documents = _with_expiry(tenant, request.user)
    context = _page(
        request,
        tenant,
        "documents",
        documents=documents,
        downloadable=staff_downloadable_ids(user=request.user, ids=[d.pk for d in documents]),
    )
    return render(request, "tenancy/tenant_documents.html", context)


def _with_expiry(tenant: Tenant, user: AnyUser) -> list[Any]:
    """The tenant's documents of the user's buildings, each with ``valid_until`` (a licence's expiry from its
    application)."""
    expiry = intake_selectors.document_expiry(tenant.pk)
    documents = list(selectors.tenant_documents(tenant).filter(document_scope_q(user)))
    for document in documents:
        document.valid_until = expiry.get(document.pk)  # type: ignore[attr-defined]
    return documents


@role_required(*ALL_STAFF)
def tenant_history(request: HttpRequest, pk: int) -> HttpResponse:
    """All staff roles."""
    tenant = _get_tenant(request, pk)
    context = _page(request, tenant, "history", history=selectors.tenant_history(tenant, user=request.user))
    return render(request, "tenancy/tenant_history.html", context)


@role_required(*ALL_STAFF)
def tenant_applications(request: HttpRequest, pk: int) -> HttpResponse:
    """All staff roles: the tenant's applications with their timelines."""
    tenant = _get_tenant(request, pk)
    context = _page(
        request,
        tenant,
        "applications",
        applications=application_scope(intake_selectors.tenant_applications(tenant.pk), request.user),
    )
    return render(request, "tenancy/tenant_applications.html", context)


# --- contacts --------------------------------------------------------------------------------------------


@role_required(*TENANT_EDITORS)
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk, business department, management."""
    tenant = _get_tenant(request, pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_add(tenant=tenant, by=_actor(request), **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Contact “%(name)s” added.") % {"name": contact.name})
            return redirect("tenancy:tenant-detail", pk=tenant.pk)
    return render(request, "tenancy/contact_form.html", {"form": form, "tenant": tenant, "contact": None})


@role_required(*TENANT_EDITORS)
def contact_edit(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    """Front desk, business department, management."""
    contact = _get_contact(request, pk, contact_pk)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(contact=contact, by=_actor(request), **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Contact “%(name)s” saved.") % {"name": form.cleaned_data["name"]})
            return redirect("tenancy:tenant-detail", pk=pk)
    contact.refresh_from_db()
    context = {"form": form, "tenant": contact.tenant, "contact": contact}
    return render(request, "tenancy/contact_form.html", context)


@role_required(*TENANT_EDITORS)
def contact_remove(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    """Front desk, business department, management."""
    contact = _get_contact(request, pk, contact_pk)
    if request.method == "POST":
        services.contact_remove(contact=contact, by=_actor(request))
        messages.success(request, _("Contact “%(name)s” removed.") % {"name": contact.name})
        return redirect("tenancy:tenant-detail", pk=pk)
    context = {
        "tenant": contact.tenant,
        "title": _("Remove contact"),
        "question": _("Remove the contact “%(name)s” from this tenant?") % {"name": contact.name},
        "confirm_label": _("Remove"),
    }
    return render(request, "tenancy/confirm.html", context)


# --- portal accounts -------------------------------------------------------------------------------------


@never_cache
@role_required(*PORTAL_ACCOUNT_MANAGERS)
def portal_account_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk, management."""
    tenant = _get_tenant(request, pk)
    form = PortalAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership, password = services.portal_account_create(
                tenant=tenant, by=_actor(request), **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            # Rendered, not redirected: the password is shown this once and stored nowhere in clear.
            context = {"tenant": tenant, "membership": membership, "password": password}
            return render(request, "tenancy/portal_account_created.html", context)
    return render(request, "tenancy/portal_account_form.html", {"form": form, "tenant": tenant})


@role_required(*PORTAL_ACCOUNT_MANAGERS)
def portal_account_deactivate(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """Front desk, management."""
    membership = _get_membership(request, pk, membership_pk)
    if request.method == "POST":
        try:
            services.portal_account_deactivate(membership=membership, by=_actor(request))
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Portal account “%(u)s” deactivated.") % {"u": membership.user.username}
            )
        return redirect("tenancy:tenant-detail", pk=pk)
    context = {
        "tenant": membership.tenant,
        "title": _("Deactivate portal account"),
        "question": _("Deactivate the portal account “%(u)s”? Its user will no longer be able to log in.")
        % {"u": membership.user.username},
        "confirm_label": _("Deactivate"),
    }
    return render(request, "tenancy/confirm.html", context)


@role_required(*PORTAL_ACCOUNT_MANAGERS)
@require_POST
def portal_account_reset_link(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """Front desk, management: mail the account's user a link to choose a new password."""
    membership = _get_membership(request, pk, membership_pk)
    try:
        account_services.portal_password_reset_send(membership=membership, by=_actor(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("A link to choose a new password was sent to %(email)s.") % {"email": membership.user.email},
        )
    return redirect("tenancy:tenant-detail", pk=pk)


# --- the tenant card -------------------------------------------------------------------------------------


@role_required(*TENANT_EDITORS)
@require_POST
def tenant_card(request: HttpRequest, pk: int) -> HttpResponse:
    """Front desk, business department, management: prints the tenant information card as a document."""
    tenant = _get_tenant(request, pk, selectors.tenant_page_queryset())
    identifier = selectors.identifier_for(tenant, request.user)
    context = {
        "tenant": tenant,
        "identifier": identifier,
        "contacts": tenant.contacts.all(),
        "prepared_by": display_name(_actor(request)),
    }
    with in_tenant_language(tenant):  # the card prints in the tenant's language, as its other forms
        title = _("Tenant information card: %(name)s") % {"name": tenant.name}
    try:
        document = document_render(
            template="documents/forms/tenant_card.html",
            context=context,
            kind=TENANT_CARD,
            title=title,
            tenant=tenant,
            about=tenant,
            by=_actor(request),
            number_prefix="TC",
            # A card that shows an unmasked ID number is itself confidential.
            confidential=tenant.kind == Tenant.Kind.PERSON and identifier == tenant.id_number,
        )
    except DomainError as error:  # an archived dossier takes no new card
        messages.error(request, error.message)
        return redirect("tenancy:tenant-detail", pk=tenant.pk)
    return redirect(reverse("documents:download", kwargs={"pk": document.pk}))
