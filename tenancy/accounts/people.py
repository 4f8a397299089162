"""The tenant's own people in the portal: its administrators invite colleagues with a role, change their role
and remove them; each person chooses the notices they get by e-mail and the language of their e-mails.

Each verb runs in one transaction, acts only within the acting person's own tenant, and raises DomainError
with a translated message at the field; nothing is sent when anything is refused.
"""

import smtplib
from typing import TYPE_CHECKING, Any

import pghistory
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from documents.errors import DomainError
from documents.models import Notice
from documents.wording import tenant_language

from ..access import portal_role_check
from ..models import TenantMembership
from ..models.tenants import PortalRole
from ..portal_roles import COMPANY_ACTORS, ROLE_TOPICS
from ..portal_roles import PORTAL_EVERYONE as ALL_ROLES

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# A new administrator speaks for the company: the front desk appoints one after checking the company's
# authorisation, so an administrator invites and re-assigns colleagues to the other roles only.
ROLES_ADMINISTRATORS_GIVE: tuple[str, ...] = (PortalRole.FINANCE, PortalRole.OPERATIONS, PortalRole.READ_ONLY)


def _acting_membership(by: "User") -> TenantMembership:
    portal_role_check(by, COMPANY_ACTORS)
    return by.tenant_membership


def _check_role(role: str) -> None:
    if role not in ALL_ROLES:
        raise DomainError(_("Choose a role."), field="role")
    if role not in ROLES_ADMINISTRATORS_GIVE:
        raise DomainError(
            _("Only the building's front desk appoints another administrator. Choose another role."),
            field="role",
        )


def _check_address(email: str, tenant_id: int) -> str:
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(_("Enter a valid e-mail address."), field="email") from None
    user_model = get_user_model()
    taken = user_model.objects.filter(email__iexact=email).select_related("tenant_membership").first()
    taken = (
        taken or user_model.objects.filter(username__iexact=email).select_related("tenant_membership").first()
    )
    if taken is not None:
        membership = getattr(taken, "tenant_membership", None)
        if membership is not None and membership.tenant_id == tenant_id:
            raise DomainError(_("This person already has access to your company's portal."), field="email")
        raise DomainError(
            _(
                "This address belongs to another account. Ask your colleague for another address, or the "
                "building's front desk."
            ),
            field="email",
        )
    return email


def portal_person_invite(
    *, by: "User", email: str, name: str, role: str, language: str = ""
) -> TenantMembership:
    """A tenant's administrator invites a colleague: a portal account of the same tenant with the role given
    (finance, operations or read only), the e-mail topics of that role, and an e-mail with a link to choose a
    password. An address already used by any account, or a role the administrator may not give, is refused
    at its field and nothing is sent."""
    inviter = _acting_membership(by)
    _check_role(role)
    if language and language not in dict(TenantMembership._meta.get_field("language").choices):  # type: ignore[arg-type]
        raise DomainError(_("Choose a language."), field="language")
    with transaction.atomic(), pghistory.context(user=by.pk):
        email = _check_address(email, inviter.tenant_id)
        first, _sep, last = name.strip().partition(" ")
        user = get_user_model()(username=email, email=email, first_name=first[:150], last_name=last[:150])
        user.set_unusable_password()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            raise DomainError(_("This address belongs to another account."), field="email") from None
        membership = TenantMembership.objects.create(
            user=user,
            tenant=inviter.tenant,
            role=role,
            email_topics=list(ROLE_TOPICS[role]),
            language=language,
            invited_by=by,
        )
        try:
            _send_invitation(membership, inviter=by)
        except (OSError, smtplib.SMTPException) as error:
            raise DomainError(
                _("The e-mail could not be sent (%(error)s). Try again later.") % {"error": error}
            ) from None
    return membership


def _send_invitation(membership: TenantMembership, *, inviter: "User") -> None:
    """The invitation in the person's language (else the tenant's), with a link to choose a password."""
    user = membership.user
    context = {
        "user": user,
        "tenant": membership.tenant,
        "inviter": inviter.get_full_name() or inviter.get_username(),
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "site_url": settings.SITE_URL,
    }
    with translation.override(membership.language or tenant_language(membership.tenant)):
        subject = "".join(render_to_string("portal/invitation_subject.txt", context).splitlines())
        body = render_to_string("portal/invitation_email.txt", context)
    send_mail(subject, body, None, [user.email])


def _colleague(by: "User", membership: TenantMembership) -> TenantMembership:
    inviter = _acting_membership(by)
    membership = TenantMembership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    if membership.tenant_id != inviter.tenant_id:
        raise DomainError(_("This person is not one of your company's people."))
    if membership.pk == inviter.pk:
        raise DomainError(
            _("You cannot change your own access; ask another administrator or the front desk.")
        )
    if membership.role == PortalRole.ADMINISTRATOR:
        raise DomainError(_("Another administrator's access is changed by the building's front desk."))
    return membership


def portal_person_role_set(*, by: "User", membership: TenantMembership, role: str) -> TenantMembership:
    """An administrator gives a colleague another role (not administrator); their e-mail topics stay."""
    _check_role(role)
    with transaction.atomic(), pghistory.context(user=by.pk):
        membership = _colleague(by, membership)
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def portal_person_remove(*, by: "User", membership: TenantMembership) -> TenantMembership:
    """An administrator removes a colleague's access: the account is switched off (it can no longer log in);
    the record and its history stay."""
    with transaction.atomic(), pghistory.context(user=by.pk):
        membership = _colleague(by, membership)
        if membership.deactivated_at is not None:
            raise DomainError(_("This person's access is already removed."))
        membership.deactivated_at = timezone.now()
        membership.save(update_fields=["deactivated_at"])
        user = membership.user
        user.is_active = False
        user.save(update_fields=["is_active"])
    return membership


def portal_preferences_set(*, by: "User", topics: list[str], language: str) -> TenantMembership:
    """Each person chooses which notices they also get by e-mail and the language of their e-mails."""
    portal_role_check(by, ALL_ROLES)
    unknown = set(topics) - set(Notice.Topic.values)
    if unknown:
        raise DomainError(_("Choose among the listed kinds of notice."), field="email_topics")
    with transaction.atomic(), pghistory.context(user=by.pk):
        membership = TenantMembership.objects.select_for_update().get(user=by)
        membership.email_topics = [topic for topic in Notice.Topic.values if topic in topics]
        membership.language = language
        membership.save(update_fields=["email_topics", "language"])
    return membership


def people_of(membership: TenantMembership) -> Any:
    """The tenant's portal people, active first, then by name."""
    return (
        TenantMembership.objects.filter(tenant_id=membership.tenant_id)
        .select_related("user", "invited_by")
        .order_by("deactivated_at", "user__username")
    )
