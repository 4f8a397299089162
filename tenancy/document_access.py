"""Which staff roles may open which kinds of document, and who removes an upload: told to documents at start.

Kinds not listed here are open to every staff role (confidential ones only with the permission, archived
dossiers only with the archive right); records of other apps add their own rules (the service desk's ticket
photos). ``documents.access.download_rules()`` lists them all. The reviewers of an application's open step
may open its documents, confidential ones included (each such download is logged, as every confidential one).
"""

from functools import partial

from django.db.models import Q

from documents.access import (
    REMOVAL_CONFIRM,
    REMOVAL_REQUEST,
    ability_register,
    download_grant_register,
    download_rule_register,
)
from documents.actors import AnyUser
from documents.references import document_reference_register

from .access import has_role, user_roles
from .document_kinds import FINANCIAL_STATEMENT
from .models import Application, ReviewStep
from .roles import Role

# Per kind, the only roles that may download it.
KIND_DOWNLOAD_ROLES: dict[str, tuple[str, ...]] = {
    # An applicant's accounts are for the reviewers of its application (and management).
    FINANCIAL_STATEMENT: (Role.BUSINESS, Role.LEGAL, Role.FINANCE, Role.MANAGEMENT),
}

# Who asks for a wrongly filed upload to be removed (the dossier's keepers), and who confirms it.
REMOVAL_REQUESTERS: tuple[str, ...] = (Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT)
REMOVAL_CONFIRMERS: tuple[str, ...] = (Role.MANAGEMENT,)


# The documents filed about an application (its licence, ID copy, financial statements).
APPLICATION_DOCUMENTS = Q(about_type__app_label="tenancy", about_type__model="application")


def _has_role(roles: tuple[str, ...], user: AnyUser) -> bool:
    return has_role(user, roles)


def under_review_allowed(user: AnyUser) -> bool | Q:
    """The documents of the applications whose open review step is one of the user's departments."""
    departments = user_roles(user) & set(ReviewStep.Department.values)
    if not departments:
        return False
    steps = ReviewStep.objects.filter(
        department__in=departments,
        status=ReviewStep.Status.OPEN,
        application__status=Application.Status.IN_REVIEW,
    )
    return Q(about_id__in=steps.values("application_id"))


def register() -> None:
    """Called from ``TenancyConfig.ready()``."""
    for kind, roles in KIND_DOWNLOAD_ROLES.items():
        download_rule_register(name=f"kind:{kind}", scope=Q(kind=kind), allowed=partial(_has_role, roles))
    download_grant_register(
        name="tenancy:application-under-review", scope=APPLICATION_DOCUMENTS, allowed=under_review_allowed
    )
    ability_register(REMOVAL_REQUEST, partial(_has_role, REMOVAL_REQUESTERS))
    ability_register(REMOVAL_CONFIRM, partial(_has_role, REMOVAL_CONFIRMERS))
    document_reference_register(Application, "admission_document_id")
