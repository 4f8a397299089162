"""Staff pages of the dossier (客户档案) and of the archive registers."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.access import staff_downloadable_ids
from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from documents.models import Document
from documents.reminders import expiring_documents
from documents.scoping import documents_in_scope
from documents.selectors import quarantined_documents
from documents.services import (
    document_removal_confirm,
    document_removal_restore,
    document_remove,
    document_upload,
)

from ..access import can_see_archive, can_see_confidential, has_role, role_required
from ..document_access import REMOVAL_CONFIRMERS, REMOVAL_REQUESTERS
from ..forms import add_domain_error
from ..models import Tenant
from ..roles import ALL_STAFF, Role
from ..scope import tenant_scope
from ..services import TENANT_EDITORS
from ..views import _page
from . import selectors
from .forms import DocumentRemoveForm, DossierUploadForm

# Who files papers in a dossier: the tenant editors (front desk, business, management).
DOSSIER_KEEPERS = TENANT_EDITORS
EXPIRY_WATCHERS = (Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT)
ARCHIVE_KEEPERS = (Role.FRONT_DESK, Role.MANAGEMENT)
PER_PAGE = 50


def _get_tenant_for_user(request: HttpRequest, pk: int) -> Tenant:
    """The tenant, if the user's buildings see it (else 404); an archived dossier only for staff allowed the
    archive (others 403)."""
    tenant = get_object_or_404(tenant_scope(Tenant.objects.all(), request.user), pk=pk)
    if hasattr(tenant, "dossier_archive") and not can_see_archive(request.user):
        raise PermissionDenied(_("Archived dossiers are open to the front desk, legal and management only."))
    return tenant


def _render_dossier(request: HttpRequest, tenant: Tenant, form: DossierUploadForm | None) -> HttpResponse:
    dossier = selectors.dossier_for(tenant, today=timezone.localdate(), user=request.user)
    may_upload = dossier.archive is None and has_role(request.user, DOSSIER_KEEPERS)
    if may_upload and form is None:
        form = DossierUploadForm()
    linked = [d.pk for s in dossier.sections for d in s.documents] + [
        n.attachment_id for n in dossier.notices if n.attachment_id
    ]
    context = _page(
        request,
        tenant,
        "dossier",
        dossier=dossier,
        form=form if may_upload else None,
        may_remove=dossier.archive is None and has_role(request.user, REMOVAL_REQUESTERS),
        downloadable=staff_downloadable_ids(user=request.user, ids=linked),
        can_see_confidential=can_see_confidential(request.user),
    )
    return render(request, "tenancy/dossier.html", context)


@role_required(*ALL_STAFF)
def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    """All staff roles; an archived dossier only the front desk, legal and management (can_see_archive).
    Confidential documents are masked for roles without the confidential permission."""
    return _render_dossier(request, _get_tenant_for_user(request, pk), None)


@require_POST
@role_required(*DOSSIER_KEEPERS)
def dossier_upload(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk, business department, management: file a paper in a live dossier."""
    tenant = _get_tenant_for_user(request, pk)
    form = DossierUploadForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            document = document_upload(
                file=data["file"],
                kind=data["kind"],
                tenant=tenant,
                title=data["title"],
                expires_on=data["expires_on"],
                confidential=data["confidential"],
                visible_to_tenant=data["visible_to_tenant"],
                by=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("“%(title)s” filed in the dossier.") % {"title": document.title})
            return redirect("archive:dossier", pk=tenant.pk)
    if hasattr(tenant, "dossier_archive"):
        messages.error(request, _("This tenant's dossier is archived: it can no longer be changed."))
        return redirect("archive:dossier", pk=tenant.pk)
    return _render_dossier(request, tenant, form)


@role_required(*REMOVAL_REQUESTERS)
def dossier_document_remove(request: AuthenticatedRequest, pk: int, document_pk: int) -> HttpResponse:
    """Front desk, business department, management: ask to remove a wrongly filed upload from a live
    dossier; it waits in quarantine until management confirms or restores it."""
    tenant = _get_tenant_for_user(request, pk)
    documents = documents_in_scope(Document.objects.all(), request.user)
    document = get_object_or_404(documents, pk=document_pk, tenant=tenant, quarantined_at__isnull=True)
    form = DocumentRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document_remove(document=document, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Removal of %(number)s asked for: management confirms it.") % {"number": document.number},
            )
        return redirect("archive:dossier", pk=tenant.pk)
    context = {"tenant": tenant, "document": document, "form": form}
    return render(request, "tenancy/dossier_remove.html", context)


@role_required(*REMOVAL_CONFIRMERS)
def quarantine_list(request: HttpRequest) -> HttpResponse:
    """Management: uploads whose removal was asked for, to confirm (the file goes) or restore."""
    rows = documents_in_scope(quarantined_documents(), request.user)
    return _register(request, "tenancy/archive_quarantine.html", rows, "quarantine")


@require_POST
@role_required(*REMOVAL_CONFIRMERS)
def quarantine_decide(request: AuthenticatedRequest, document_pk: int, decision: str) -> HttpResponse:
    """Management: confirm the removal of a quarantined upload, or restore it to the dossier."""
    document = get_object_or_404(documents_in_scope(quarantined_documents(), request.user), pk=document_pk)
    decide = {"confirm": document_removal_confirm, "restore": document_removal_restore}.get(decision)
    if decide is None:
        raise Http404
    try:
        decide(document=document, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        done = (
            _("Document %(number)s removed.") if decision == "confirm" else _("Document %(number)s restored.")
        )
        messages.success(request, done % {"number": document.number})
    return redirect("archive:quarantine")


def _register(request: HttpRequest, template: str, rows: Any, tab: str, **extra: Any) -> HttpResponse:
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "tab": tab, "roles_tabs": _tabs(request), **extra}
    return render(request, template, context)


def _tabs(request: HttpRequest) -> dict[str, bool]:
    return {
        "expiring": has_role(request.user, EXPIRY_WATCHERS),
        "fixity": has_role(request.user, ARCHIVE_KEEPERS),
        "removals": has_role(request.user, ARCHIVE_KEEPERS),
        "downloads": has_role(request.user, (Role.MANAGEMENT,)),
        "quarantine": has_role(request.user, REMOVAL_CONFIRMERS),
    }


@role_required(*EXPIRY_WATCHERS)
def expiring_list(request: HttpRequest) -> HttpResponse:
    """Front desk, business department, management: licences and IDs expiring soon (or expired)."""
    rows = documents_in_scope(expiring_documents(today=timezone.localdate()), request.user)
    return _register(request, "tenancy/archive_expiring.html", rows, "expiring", today=timezone.localdate())


@role_required(*ARCHIVE_KEEPERS)
def fixity_list(request: HttpRequest) -> HttpResponse:
    """Front desk, management: archived files found changed or missing, and the latest checks."""
    checks = documents_in_scope(selectors.fixity_recent_checks(), request.user, "document")[:PER_PAGE]
    problems = documents_in_scope(selectors.fixity_problems(), request.user)
    return _register(request, "tenancy/archive_fixity.html", problems, "fixity", checks=checks)


@role_required(*ARCHIVE_KEEPERS)
def removal_list(request: HttpRequest) -> HttpResponse:
    """Front desk, management: what the retention job removed."""
    rows = tenant_scope(selectors.retention_removals(), request.user, "tenant")
    return _register(request, "tenancy/archive_removals.html", rows, "removals")


@role_required(Role.MANAGEMENT)
def download_list(request: HttpRequest) -> HttpResponse:
    """Management: every download of a confidential document (who, when, which, from where)."""
    rows = documents_in_scope(selectors.download_records(), request.user, "document")
    return _register(request, "tenancy/archive_downloads.html", rows, "downloads")
