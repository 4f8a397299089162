"""The sheet page: fill in the lines, have both sides sign on screen, or see the signed sheet, download its
PDF and start a new version. Made for a 1024 px touch screen: every sheet of the visit one tap away."""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.access import staff_downloadable_ids
from documents.actors import AuthenticatedRequest
from documents.clientip import client_ip
from documents.errors import DomainError
from leasing.leases.permissions import NOTICE_OVERRIDERS
from tenancy.access import has_role, role_required
from tenancy.forms import add_domain_error
from tenancy.people import display_name

from .. import selectors, services
from ..agreements import AGREEMENT_KINDS, agreement_text
from ..forms import SignForm, SupersedeForm
from ..models import AcceptanceItem, MeterReading, Sheet, Visit
from ..permissions import HANDOVER_STAFF
from ..services.common import MSG_FROZEN
from .common import get_current_sheet, get_visit
from .editors import SheetEditor


def _openable(request: HttpRequest, sheet: Sheet, history: QuerySet[Sheet]) -> set[int]:
    """Of the sheet's PDFs and photos, those this user may open (an archived tenant's: the roles with the
    archive right); the page links only these."""
    ids = [sheet.document_id, *history.values_list("document_id", flat=True)]
    ids += MeterReading.objects.filter(sheet=sheet).values_list("photo_document_id", flat=True)
    ids += AcceptanceItem.objects.filter(sheet=sheet).values_list("photo_document_id", flat=True)
    return staff_downloadable_ids(user=request.user, ids=[pk for pk in ids if pk])


def _render(
    request: HttpRequest, visit: Visit, sheet: Sheet, editor: SheetEditor, **forms: object
) -> HttpResponse:
    history = selectors.sheet_history(visit).filter(kind=sheet.kind).exclude(pk=sheet.pk)
    context = {
        "visit": visit,
        "sheet": sheet,
        "editor": editor,
        "sheets": selectors.current_sheets(visit),
        "sign_form": forms.get("sign_form") or SignForm(initial={"staff_name": display_name(request.user)}),
        "supersede_form": forms.get("supersede_form") or SupersedeForm(),
        "signatures": selectors.sheet_signatures(sheet),
        "history": history,
        "downloadable": _openable(request, sheet, history),
        "charges": selectors.damage_charges_for(visit) if sheet.kind == Sheet.Kind.MOVE_OUT else [],
        "can_release": has_role(request.user, NOTICE_OVERRIDERS),
        # What both sides sign, in the tenant's language (as hashed and printed).
        "agreement": agreement_text(sheet) if sheet.kind in AGREEMENT_KINDS else None,
    }
    return render(request, "handover/sheet.html", context, status=forms.get("status", 200))  # type: ignore[arg-type]


@role_required(*HANDOVER_STAFF)
def sheet_page(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponse:
    """Front desk, engineering, management: fill in a sheet and have it signed (``action=sign``)."""
    visit = get_visit(request, pk)
    sheet = get_current_sheet(visit, kind)
    if request.method != "POST":
        return _render(request, visit, sheet, SheetEditor(sheet))
    if not sheet.is_draft or not visit.is_open:
        messages.error(request, MSG_FROZEN)
        return _render(request, visit, sheet, SheetEditor(sheet), status=409)
    editor = SheetEditor(sheet, request)
    signing = request.POST.get("action") == "sign"
    sign_form = SignForm(request.POST) if signing else None
    if not editor.is_valid():
        if sign_form is not None:
            sign_form.is_valid()  # show its errors too, keep the names typed
        # The page comes back with the names typed and both drawn signatures (the canvases redraw them).
        return _render(request, visit, sheet, editor, sign_form=sign_form or SignForm.kept(request.POST))
    try:
        editor.save(request.user)
    except DomainError:
        return _render(request, visit, sheet, editor, sign_form=sign_form or SignForm.kept(request.POST))
    if sign_form is None:
        messages.success(request, _("Saved."))
        return redirect("handover:sheet", pk=visit.pk, kind=kind)
    return _sign(request, visit, kind, sign_form)


def _sign(request: AuthenticatedRequest, visit: Visit, kind: str, sign_form: SignForm) -> HttpResponse:
    sheet = get_current_sheet(visit, kind)
    if sign_form.is_valid():
        data = sign_form.cleaned_data
        try:
            services.sheet_sign(
                sheet=sheet,
                staff=services.SignerInput(data["staff_name"], data["staff_signature"]),
                tenant=services.SignerInput(data["tenant_name"], data["tenant_signature"]),
                by=request.user,
                ip_address=client_ip(request),
            )
        except DomainError as error:
            add_domain_error(sign_form, error)
        else:
            messages.success(request, _("Signed by both sides; the sheet is in the tenant's dossier."))
            return redirect("handover:sheet", pk=visit.pk, kind=kind)
    # The lines were saved; show them as stored, with the signing panel's errors.
    return _render(request, visit, sheet, SheetEditor(sheet), sign_form=sign_form)


@require_POST
@role_required(*HANDOVER_STAFF)
def sheet_supersede(request: AuthenticatedRequest, pk: int, kind: str) -> HttpResponse:
    """Front desk, engineering, management: start a new version of a signed sheet, saying why."""
    visit = get_visit(request, pk)
    sheet = get_current_sheet(visit, kind)
    form = SupersedeForm(request.POST)
    if form.is_valid():
        try:
            services.sheet_supersede(sheet=sheet, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("A new version is ready to be filled in and signed."))
            return redirect("handover:sheet", pk=visit.pk, kind=kind)
    return _render(request, visit, sheet, SheetEditor(sheet), supersede_form=form)
