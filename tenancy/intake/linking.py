"""An application that names an existing tenant's credit code or ID number.

Anyone can type a known company's credit code into the public form. Such an application is therefore never
joined to the tenant by its approval: reviewers see the match, and staff link it to the tenant explicitly.
Once linked, the application adds no contact and no portal account of its own; an invitation goes to the
tenant's known primary contact. A portal user's application already belongs to its tenant.
"""

from django.db import transaction
from django.db.models import OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.actors import User
from documents.errors import DomainError

from ..access import require_role
from ..models import Application, ApplicationEvent, Tenant
from ..roles import Role
from . import steps

LINK_ROLES: tuple[str, ...] = (Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT)


def identifier_match_q(prefix: str = "") -> Q:
    """Tenants whose credit code (a company) or ID number (a person) is the outer application's.

    Used in a subquery by the queue; an empty identifier matches nothing.
    """
    company = Q(kind=Tenant.Kind.COMPANY, credit_code=OuterRef(f"{prefix}credit_code")) & ~Q(credit_code="")
    person = Q(kind=Tenant.Kind.PERSON, id_number=OuterRef(f"{prefix}id_number")) & ~Q(id_number="")
    return company | person


def matching_tenant(application: Application) -> Tenant | None:
    """The existing tenant the application's identifier names, while the application belongs to no tenant."""
    if application.tenant_id is not None or not application.identifier:
        return None
    field = "credit_code" if application.applicant_kind == Tenant.Kind.COMPANY else "id_number"
    return Tenant.objects.filter(kind=application.applicant_kind, **{field: application.identifier}).first()


def is_linked(application: Application) -> bool:
    """Staff linked this application to an existing tenant (rather than the tenant applying in the portal)."""
    return application.events.filter(kind=ApplicationEvent.Kind.LINKED).exists()


def application_link_tenant(*, application: Application, by: User) -> Application:
    """Staff confirm the applicant is the existing tenant its identifier names (recorded on the timeline)."""
    require_role(by, LINK_ROLES)
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.tenant_id is not None:
            raise DomainError(_("This application already belongs to a tenant."))
        if application.is_final:
            raise DomainError(
                _("This application has already been decided (%(s)s).")
                % {"s": application.get_status_display()}
            )
        tenant = matching_tenant(application)
        if tenant is None:
            raise DomainError(_("No existing tenant has this application's credit code or ID number."))
        application.tenant = tenant
        application.save(update_fields=["tenant", "updated_at"])
        key = gettext_noop("Linked to the existing tenant %(t)s.")
        steps.record(application, ApplicationEvent.Kind.LINKED, by, comment_key=key, t=tenant.name)
    return application


def refuse_unlinked_match(application: Application) -> None:
    """Approval never joins an application to an existing tenant by itself: staff link it first."""
    tenant = matching_tenant(application)
    if tenant is not None:
        raise DomainError(
            _(
                "This application names the existing tenant %(t)s. Link it to that tenant first "
                "(or reject it); an approval does not join it by itself."
            )
            % {"t": tenant.name}
        )
