"""What every billing page shares: who may read and write, and showing a service's refusal on a form."""

from django import forms

from documents.actors import AnyUser
from documents.errors import DomainError
from tenancy.roles import Role
from tenancy.scope import scope, tenant_scope

WRITERS: tuple[str, ...] = (Role.FINANCE,)
READERS: tuple[str, ...] = (Role.FINANCE, Role.MANAGEMENT)
APPROVERS: tuple[str, ...] = (Role.FINANCE, Role.MANAGEMENT)
FLAG_READERS: tuple[str, ...] = (Role.FRONT_DESK, Role.FINANCE, Role.MANAGEMENT)


# In ``scope_choices``: the choices are tenants, seen by the offices of the buildings they rent in.
TENANTS = "tenant"


def scope_choices(form: forms.BaseForm, user: AnyUser, paths: dict[str, str]) -> None:
    """Limit the form's record choices to the user's buildings: by field, the lookup from a choice to its
    building, or ``TENANTS`` for a choice of tenants. Another building's record is then no valid choice."""
    for name, path in paths.items():
        field = form.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        queryset = field.queryset
        field.queryset = tenant_scope(queryset, user) if path == TENANTS else scope(queryset, user, path)


def form_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show the refusal at the field it names, or above the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)
