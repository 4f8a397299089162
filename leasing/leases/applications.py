"""Leases drafted from an approved intake application: the form is prefilled with the space and term."""

import re
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from documents.errors import DomainError
from tenancy.models import Application

from ..models import Unit


def application_check(application: Application, tenant: Any) -> None:
    """Only an approved application of this tenant can be drafted into a lease."""
    if application.status != Application.Status.APPROVED:
        raise DomainError(_("Only an approved application can be drafted into a lease."), field="tenant")
    if application.tenant_id != tenant.pk:
        raise DomainError(_("The lease's tenant must be the application's tenant."), field="tenant")


def application_initial(application: Application) -> dict[str, Any]:
    """Form values from the application: tenant, term, and the units it named (matched in its building)."""
    codes = [code for code in re.split(r"[\s,，、;；]+", application.unit_codes) if code]
    units = Unit.objects.filter(code__in=codes)
    if application.building:
        units = units.filter(Q(building__name=application.building) | Q(building__code=application.building))
    initial: dict[str, Any] = {
        "tenant": application.tenant_id,
        "units": list(units.values_list("pk", flat=True)),
        "start_date": application.start_date,
        "end_date": application.end_date,
    }
    if application.use:
        initial["special_terms"] = _("Use as applied for: %(use)s") % {"use": application.use}
    return {key: value for key, value in initial.items() if value not in (None, [])}
