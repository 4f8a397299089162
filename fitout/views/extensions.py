"""Engineering's decision on a fit-out extension the tenant asked for."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.actors import AuthenticatedRequest
from tenancy.access import role_required

from .. import services
from ..forms import ExtensionDecisionForm
from ..models import Extension
from ..permissions import ENGINEERS
from .common import act


@require_POST
@role_required(*ENGINEERS)
def extension_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Engineering, management: approve (the works and passes end later) or refuse, with a note."""

    def run(application, data):
        return services.extension_decide(
            application=application, approve=data["approve"], note=data["note"], by=request.user
        )

    def done(extension: Extension) -> str:
        if extension.status == Extension.Status.APPROVED:
            return _("Extension approved: the works and the passes now end on %(end)s.") % {
                "end": extension.requested_end.isoformat()
            }
        return _("Extension refused; the tenant is told.")

    return act(request, pk, ExtensionDecisionForm, "extension_decision_form", run, done)
