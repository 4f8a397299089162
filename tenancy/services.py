"""The verbs of the tenant file: create and change tenants, their contacts and their portal accounts.

Each service runs in one transaction, records the acting user in the audit trail, checks the role of ``by``
(views check it too), and raises DomainError with a translated message, naming the field it is about.
"""

import secrets
import string
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

import pghistory
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.errors import DomainError

from .access import require_role
from .models import Contact, Tenant, TenantMembership
from .roles import Role
from .selectors import tenant_with_identifier
from .validators import (
    duplicate_message,
    normalize_code,
    validate_credit_code,
    validate_mobile,
    validate_resident_id,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Who may write what (the views use the same tuples in ``role_required``).
TENANT_EDITORS: tuple[str, ...] = (Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT)
PORTAL_ACCOUNT_MANAGERS: tuple[str, ...] = (Role.FRONT_DESK, Role.MANAGEMENT)

GENERATED_PASSWORD_LENGTH = 14
PASSWORD_ALPHABET = string.ascii_letters + string.digits


class TenantFields(TypedDict, total=False):
    kind: str
    name: str
    credit_code: str
    id_number: str
    legal_representative: str
    phone: str
    email: str
    address: str
    language: str
    status: str
    notes: str


class ContactFields(TypedDict, total=False):
    name: str
    position: str
    mobile: str
    email: str
    is_primary: bool


@contextmanager
def _acting(by: "User", roles: tuple[str, ...]) -> Iterator[None]:
    """One transaction attributed to ``by`` in the audit trail; refused unless ``by`` has one of ``roles``."""
    require_role(by, roles)
    with transaction.atomic(), pghistory.context(user=by.pk):
        yield


# --- tenants ---------------------------------------------------------------------------------------------


def tenant_create(*, by: "User", **fields: Unpack[TenantFields]) -> Tenant:
    """A new tenant (a company with a valid unused credit code, or a person with a valid unused ID number)
    is a prospect: it becomes active through its first signed lease, never by hand."""
    status = fields.pop("status", Tenant.Status.PROSPECT)
    if status != Tenant.Status.PROSPECT:
        raise DomainError(
            _("A new tenant is a prospect; it becomes active when its first lease is signed."), field="status"
        )
    with _acting(by, TENANT_EDITORS):
        tenant = Tenant(status=Tenant.Status.PROSPECT, **fields)
        _tenant_check(tenant)
        _save_unique(tenant)
    return tenant


def tenant_archive(*, tenant: Tenant) -> bool:
    """A tenant with no running lease has left for good: it becomes a former (archived) tenant, and its portal
    accounts are switched off (letters still reach its contacts by e-mail).

    Called when its last lease ends; False when the tenant was archived already.
    """
    changed = Tenant.LIFECYCLE.movable(Tenant.objects.filter(pk=tenant.pk), Tenant.Status.ARCHIVED)
    if not changed.update(status=Tenant.Status.ARCHIVED):
        return False
    live = TenantMembership.objects.filter(tenant_id=tenant.pk, deactivated_at__isnull=True)
    get_user_model().objects.filter(pk__in=live.values("user_id")).update(is_active=False)
    live.update(deactivated_at=timezone.now())
    return True


def tenant_update(*, tenant: Tenant, by: "User", **changes: Unpack[TenantFields]) -> Tenant:
    """Change a tenant's details; the identifier rules of ``tenant_create`` hold afterwards too."""
    with _acting(by, TENANT_EDITORS):
        tenant = Tenant.objects.select_for_update().get(pk=tenant.pk)
        for name, value in changes.items():
            if name == "status" and value != tenant.status:
                Tenant.LIFECYCLE.move(tenant, value)
            else:
                setattr(tenant, name, value)
        _tenant_check(tenant)
        _save_unique(tenant)
    return tenant


def _tenant_check(tenant: Tenant) -> None:
    """Normalise the identifier the tenant's kind needs, check it, and clear the other one."""
    if not (tenant.name or "").strip():
        raise DomainError(_("The tenant needs a name."), field="name")
    tenant.name = tenant.name.strip()
    if tenant.kind == Tenant.Kind.COMPANY:
        tenant.credit_code = _checked(validate_credit_code, tenant.credit_code, "credit_code")
        tenant.id_number = ""
    elif tenant.kind == Tenant.Kind.PERSON:
        tenant.id_number = _checked(validate_resident_id, tenant.id_number, "id_number")
        tenant.credit_code = ""
    else:
        raise DomainError(_("A tenant is a company or a person."), field="kind")
    duplicate = _duplicate_of(tenant)
    if duplicate is not None:
        raise duplicate


def _checked(validator: Any, value: str, field: str) -> str:
    if not normalize_code(value):
        messages = {
            "credit_code": _("A company needs its unified social credit code."),
            "id_number": _("A person needs a resident ID number."),
        }
        raise DomainError(messages[field], field=field)
    try:
        return validator(value)
    except ValidationError as error:
        raise DomainError(error.messages[0], field=field) from None


def _duplicate_of(tenant: Tenant) -> DomainError | None:
    """The error to raise when another tenant already has this identifier."""
    field = "credit_code" if tenant.kind == Tenant.Kind.COMPANY else "id_number"
    other = tenant_with_identifier(field=field, value=getattr(tenant, field), exclude_pk=tenant.pk)
    return None if other is None else DomainError(duplicate_message(field, other.name), field=field)


def _save_unique(tenant: Tenant) -> None:
    """Save; a concurrent save of the same identifier hits the unique constraint and becomes a DomainError."""
    try:
        with transaction.atomic():
            tenant.save()
    except IntegrityError:
        field = "credit_code" if tenant.kind == Tenant.Kind.COMPANY else "id_number"
        raise DomainError(_("Another tenant already has this identifier."), field=field) from None


# --- contacts --------------------------------------------------------------------------------------------


def contact_add(*, tenant: Tenant, by: "User", **fields: Unpack[ContactFields]) -> Contact:
    """Add a contact person; the tenant's first contact becomes its primary contact."""
    with _acting(by, TENANT_EDITORS):
        tenant = Tenant.objects.select_for_update().get(pk=tenant.pk)
        contact = Contact(tenant=tenant, **fields)
        if not tenant.contacts.filter(is_primary=True).exists():
            contact.is_primary = True
        _contact_save(contact)
    return contact


def contact_update(*, contact: Contact, by: "User", **changes: Unpack[ContactFields]) -> Contact:
    """Change a contact; making it primary makes the previous primary contact an ordinary one."""
    with _acting(by, TENANT_EDITORS):
        Tenant.objects.select_for_update().get(pk=contact.tenant_id)
        contact = Contact.objects.get(pk=contact.pk)
        for name, value in changes.items():
            setattr(contact, name, value)
        _contact_save(contact)
    return contact


def contact_remove(*, contact: Contact, by: "User") -> None:
    """Remove a contact person (the change stays in the tenant's history)."""
    with _acting(by, TENANT_EDITORS):
        Tenant.objects.select_for_update().get(pk=contact.tenant_id)
        Contact.objects.filter(pk=contact.pk).delete()


def _contact_save(contact: Contact) -> None:
    contact.name = (contact.name or "").strip()
    if not contact.name:
        raise DomainError(_("The contact needs a name."), field="name")
    if contact.mobile:
        try:
            contact.mobile = validate_mobile(contact.mobile)
        except ValidationError as error:
            raise DomainError(error.messages[0], field="mobile") from None
    if contact.is_primary:
        # One primary contact per tenant (a partial unique constraint): demote the current one first.
        Contact.objects.filter(tenant_id=contact.tenant_id, is_primary=True).exclude(pk=contact.pk).update(
            is_primary=False
        )
    contact.save()


# --- portal accounts -------------------------------------------------------------------------------------


def portal_account_create(
    *, tenant: Tenant, by: "User", username: str, email: str, password: str = ""
) -> tuple[TenantMembership, str]:
    """A non-staff user who acts for ``tenant`` in the portal; returns it with its initial password.

    When no password is given one is generated; it is returned once and stored only as a hash.
    """
    with _acting(by, PORTAL_ACCOUNT_MANAGERS):
        tenant = Tenant.objects.select_for_update().get(pk=tenant.pk)
        if tenant.status == Tenant.Status.ARCHIVED:
            raise DomainError(_("An archived tenant cannot get new portal accounts."))
        username = username.strip()
        user_model = get_user_model()
        if not username:
            raise DomainError(_("The account needs a username."), field="username")
        if user_model.objects.filter(username__iexact=username).exists():
            raise DomainError(_("The username “%(u)s” is taken.") % {"u": username}, field="username")
        user = user_model(username=username, email=email.strip(), is_staff=False, is_active=True)
        password = password or generate_password()
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), field="password") from None
        user.set_password(password)
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:  # the same username saved meanwhile by someone else
            raise DomainError(
                _("The username “%(u)s” is taken.") % {"u": username}, field="username"
            ) from None
        membership = TenantMembership.objects.create(user=user, tenant=tenant)
    return membership, password


def portal_account_deactivate(*, membership: TenantMembership, by: "User") -> TenantMembership:
    """Switch a portal account off: the user can no longer log in; the record and its history stay."""
    with _acting(by, PORTAL_ACCOUNT_MANAGERS):
        membership = TenantMembership.objects.select_for_update().select_related("user").get(pk=membership.pk)
        if membership.deactivated_at is not None:
            raise DomainError(_("This portal account is already deactivated."))
        membership.deactivated_at = timezone.now()
        membership.save(update_fields=["deactivated_at"])
        user = membership.user
        user.is_active = False
        user.save(update_fields=["is_active"])
    return membership


def generate_password() -> str:
    """A random password with letters and digits, long enough for every password validator."""
    while True:
        password = "".join(
            secrets.choice(PASSWORD_ALPHABET) for _position in range(GENERATED_PASSWORD_LENGTH)
        )
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password
