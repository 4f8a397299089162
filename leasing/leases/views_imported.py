"""A lease imported as signed before the system: its scanned paper contract is attached later, on its page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.errors import DomainError
from documents.kinds import OTHER
from documents.services import document_upload
from tenancy.access import role_required
from tenancy.scope import scoped_or_404

from ..models import Lease
from ..models.leases import LeaseOrigin
from .permissions import LEASE_EDITORS


@require_POST
@role_required(*LEASE_EDITORS)
def lease_contract_attach(request: HttpRequest, pk: int) -> HttpResponse:
    """Business department, management: file the scan (PDF, JPEG or PNG) of an imported lease's contract."""
    lease = scoped_or_404(Lease.objects.select_related("tenant"), request.user, "building", pk=pk)
    if lease.origin != LeaseOrigin.IMPORTED:
        messages.error(request, _("Only a lease signed before the system takes a scanned contract here."))
        return redirect("leasing:lease-detail", pk=lease.pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose the scanned contract to attach."))
        return redirect("leasing:lease-detail", pk=lease.pk)
    try:
        document_upload(
            file=upload,
            kind=OTHER,
            tenant=lease.tenant,
            about=lease,
            title=_("Scanned contract %(number)s (signed before the system)") % {"number": lease.number},
            by=request.user,  # type: ignore[arg-type]
        )
    except (DomainError, ValidationError) as error:
        text = error.message if isinstance(error, DomainError) else " ".join(error.messages)
        messages.error(request, text)
    else:
        messages.success(
            request, _("The scanned contract is attached to lease %(number)s.") % {"number": lease.number}
        )
    return redirect("leasing:lease-detail", pk=lease.pk)
