"""What every billing page shares: who may read and write, and showing a service's refusal on a form."""

from django import forms

from documents.errors import DomainError
from tenancy.roles import Role

WRITERS: tuple[str, ...] = (Role.FINANCE,)
READERS: tuple[str, ...] = (Role.FINANCE, Role.MANAGEMENT)
APPROVERS: tuple[str, ...] = (Role.FINANCE, Role.MANAGEMENT)
FLAG_READERS: tuple[str, ...] = (Role.FRONT_DESK, Role.FINANCE, Role.MANAGEMENT)


def form_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show the refusal at the field it names, or above the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)
