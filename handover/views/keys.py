"""Before the keys of a move-in: recording whose identity was checked, and management's override of what
billing still asks for. Both are posted from the visit page, which shows what is still due."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.actors import AuthenticatedRequest
from documents.errors import DomainError
from tenancy.access import can_see_confidential, has_role, role_required
from tenancy.forms import add_domain_error
from tenancy.people import display_name
from tenancy.validators import mask_id_number

from .. import services
from ..forms import IdentityForm, KeysOverrideForm
from ..models import Visit
from ..permissions import HANDOVER_STAFF
from ..services.keys import KEYS_OVERRIDERS, authorisation_letters
from .common import get_visit


def keys_context(request: HttpRequest, visit: Visit, **forms: Any) -> dict[str, Any]:
    """The visit page's "before the keys" card: what is still due, the identity record and the forms."""
    if visit.kind != Visit.Kind.MOVE_IN:
        return {}
    number = visit.identity_document_number
    return {
        "keys_due": services.keys_still_due(visit),
        "identity_number": number if can_see_confidential(request.user) else mask_id_number(number),
        "identity_by": display_name(visit.identity_checked_by),
        "identity_letter": authorisation_letters(visit).filter(pk=visit.identity_letter_id).first(),
        "override_by": display_name(visit.keys_override_by),
        "identity_form": forms.get("identity_form")
        or IdentityForm(letters=authorisation_letters(visit), initial={"method": "id_document"}),
        "override_form": forms.get("override_form") or KeysOverrideForm(),
        "can_override": has_role(request.user, KEYS_OVERRIDERS),
    }


@require_POST
@role_required(*HANDOVER_STAFF)
def visit_identity(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Front desk, engineering, management: record whose identity was checked before the keys."""
    from .visits import render_detail  # visits imports keys_context from here

    visit = get_visit(request, pk)
    form = IdentityForm(request.POST, letters=authorisation_letters(visit))
    if form.is_valid():
        data = form.cleaned_data
        by_letter = data["method"] == Visit.IdentityKind.AUTHORISATION
        if by_letter and data["letter"] is None:
            form.add_error("letter", _("Choose an authorisation letter filed in the tenant's dossier."))
            return render_detail(request, visit, identity_form=form)
        try:
            services.visit_identity_record(
                visit=visit,
                name=data["name"],
                document_type="" if by_letter else data["document_type"],
                document_number="" if by_letter else data["document_number"],
                letter_id=data["letter"].pk if by_letter else None,
                by=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The identity check is recorded."))
            return redirect("handover:visit-detail", pk=visit.pk)
    return render_detail(request, visit, identity_form=form)


@require_POST
@role_required(*KEYS_OVERRIDERS)
def visit_keys_override(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Management: let the keys go before the deposit and first bill are paid, saying why."""
    from .visits import render_detail  # visits imports keys_context from here

    visit = get_visit(request, pk)
    form = KeysOverrideForm(request.POST)
    if form.is_valid():
        try:
            services.visit_keys_override(visit=visit, reason=form.cleaned_data["reason"], by=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The keys may be handed over; your reason is recorded on the visit."))
            return redirect("handover:visit-detail", pk=visit.pk)
    return render_detail(request, visit, override_form=form)
