"""The import pages: choose a kind, download its template, upload, read the preview, confirm; the list of
every import. Staff only; each kind says which roles may run it (others get 403), and the services check
the role again."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .actors import AuthenticatedRequest
from .errors import DomainError
from .imports.engine import ImportRefused, import_confirm, import_preview
from .imports.kinds import ImportKind, import_kind, import_kinds, user_may_import
from .imports.workbook import template_xlsx
from .models import ImportBatch
from .scoping import run_by_in_scope

View = Callable[..., HttpResponse]


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (.xlsx or .csv)"),
        help_text=gettext_lazy(
            "Excel (.xlsx) or CSV in UTF-8 or GBK; the first line holds the column headers."
        ),
    )


def staff_only(view: View) -> View:
    """Staff whose role imports some kind (the kinds registered at start-up name them); each page then
    checks the kind it shows. ``allowed_roles`` lets the URL access test compare the table with the view."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.allowed_roles = frozenset(role for kind in import_kinds() for role in kind.roles)  # type: ignore[attr-defined]
    return wrapper


def _get_kind_for_user(request: HttpRequest, key: str) -> ImportKind:
    """The kind (404 when unknown), if the user's role may import it (else 403)."""
    kind = import_kind(key)
    if kind is None:
        raise Http404
    if not user_may_import(request.user, kind):
        raise PermissionDenied(_("Your role may not import this kind of data."))
    return kind


def _get_batch_for_user(request: HttpRequest, pk: int) -> tuple[ImportBatch, ImportKind]:
    batches = run_by_in_scope(ImportBatch.objects.select_related("run_by"), request.user)
    batch = get_object_or_404(batches, pk=pk)
    return batch, _get_kind_for_user(request, batch.kind)


@require_GET
@staff_only
def import_list(request: HttpRequest) -> HttpResponse:
    """The kinds this user may import, and every import of those kinds (newest first)."""
    kinds = [kind for kind in import_kinds() if user_may_import(request.user, kind)]
    if not kinds:
        raise PermissionDenied(_("Your role may not import data."))
    labels = {kind.key: kind.label for kind in kinds}
    batches = run_by_in_scope(ImportBatch.objects.filter(kind__in=labels), request.user).select_related(
        "run_by"
    )
    page = Paginator(batches, 50).get_page(request.GET.get("page"))
    for batch in page:
        batch.kind_label = labels[batch.kind]
    return render(request, "documents/import_list.html", {"kinds": kinds, "page": page})


@require_GET
@staff_only
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    """The kind's XLSX template: headers in Chinese and English, an example row, the allowed values."""
    import_kind_ = _get_kind_for_user(request, kind)
    response = HttpResponse(
        template_xlsx(import_kind_),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="import-{import_kind_.key}.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
@staff_only
def import_upload(request: AuthenticatedRequest, kind: str) -> HttpResponse:
    """Upload a file: it is read and every row checked, nothing written; the preview page follows."""
    import_kind_ = _get_kind_for_user(request, kind)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_preview(kind=kind, file=upload, by=request.user, file_name=upload.name)
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            return redirect("documents:import-detail", pk=result.batch.pk)
    return render(request, "documents/import_upload.html", {"kind": import_kind_, "form": form})


@require_GET
@staff_only
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview: per row what would be created, changed or left; every error at its row and column."""
    batch, kind = _get_batch_for_user(request, pk)
    return render(
        request,
        "documents/import_detail.html",
        {"batch": batch, "kind": kind, "form": ImportUploadForm(), "shown": len(batch.preview)},
    )


@require_POST
@staff_only
def import_commit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Confirm: everything is written in one transaction, or nothing when a row is wrong now."""
    batch, kind = _get_batch_for_user(request, pk)
    try:
        result = import_confirm(batch=batch, by=request.user)
    except ImportRefused as refused:
        batch.errors = refused.result.batch.errors or batch.errors
        messages.error(request, refused.message)
        return redirect("documents:import-detail", pk=batch.pk)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("documents:import-detail", pk=batch.pk)
    messages.success(
        request,
        _("Imported: %(created)s created, %(updated)s changed, %(unchanged)s unchanged.")
        % {
            "created": result.batch.created,
            "updated": result.batch.updated,
            "unchanged": result.batch.unchanged,
        },
    )
    return redirect("documents:import-detail", pk=batch.pk)
