"""What follows a decision: the applicant is told; on approval the admission notice
(《租赁准入通知书》) is issued, the applicant becomes a tenant and its contact is invited to the portal;
the approval lapses unless the lease is signed by the deadline.
"""

import logging
from contextlib import AbstractContextManager
from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from documents.actors import User
from documents.errors import DomainError
from documents.models import Document, Signature
from documents.selectors import documents_about
from documents.services import document_render, notice_send, signature_record, tenant_email_addresses
from documents.wording import in_tenant_language, tenant_language
from tenancy.people import display_name

from .. import services as tenant_services
from ..document_kinds import ADMISSION_NOTICE
from ..models import Application, ApplicationEvent, ReviewStep, Tenant, TenantMembership
from . import linking, steps
from .links import follow_url

logger = logging.getLogger(__name__)

ADMISSION_PREFIX = "ZR"


def signing_days() -> int:
    return int(getattr(settings, "ADMISSION_SIGNING_DAYS", 15))


def application_admit(*, application: Application, by: User) -> Document:
    """Management approved: tenant matched or created, admission notice rendered and sent, contact invited."""
    Application.LIFECYCLE.move(application, Application.Status.APPROVED)
    application.decided_at = timezone.now()
    application.signing_deadline = timezone.localdate() + timedelta(days=signing_days())
    application.tenant = _tenant_for(application, by)
    document = _render_admission_notice(application, by)
    # Management's signature record: who approved, when, and the hash of the notice they approved.
    signature_record(
        signer_name=display_name(by),
        signer_role=Signature.SignerRole.STAFF,
        method=Signature.Method.ELECTRONIC,
        document=document,
        user=by,
        tenant=application.tenant,
    )
    application.admission_document_id = document.pk
    application.save()
    documents_about(application).filter(tenant__isnull=True).update(tenant=application.tenant)
    invited = _invite(application, by)
    _send_admission_notice(application, document, by)
    if invited:
        key = gettext_noop("Portal invitation sent to %(e)s.")
        steps.record(application, ApplicationEvent.Kind.ADMITTED, by, comment_key=key, e=invited)
    else:
        steps.record(application, ApplicationEvent.Kind.ADMITTED, by)
    return document


def _tenant_for(application: Application, by: User) -> Tenant:
    """The application's tenant, or a new one made from it; an unlinked match with a tenant is refused.

    Only a tenant's own portal user adds the application's contact to an existing tenant: an application
    staff linked adds nobody (anyone may type a known credit code into the public form).
    """
    if application.tenant_id:
        tenant: Tenant = application.tenant  # type: ignore[assignment]
        if application.channel == Application.Channel.PORTAL:
            _contact_from(application, tenant, by)
        return tenant
    linking.refuse_unlinked_match(application)
    tenant = tenant_services.tenant_create(
        by=by,
        kind=application.applicant_kind,
        name=application.applicant_name,
        credit_code=application.credit_code,
        id_number=application.id_number,
        legal_representative=application.legal_representative,
        email=application.contact_email,
        status=Tenant.Status.PROSPECT,
    )
    _contact_from(application, tenant, by)
    return tenant


def _contact_from(application: Application, tenant: Tenant, by: User) -> None:
    if application.contact_name and not tenant.contacts.filter(name=application.contact_name).exists():
        tenant_services.contact_add(
            tenant=tenant,
            by=by,
            name=application.contact_name,
            mobile=application.contact_mobile,
            email=application.contact_email,
        )


def _send_admission_notice(application: Application, document: Document, by: User) -> None:
    """The admission notice goes to the tenant's inbox in the tenant's language, not the approver's."""
    assert application.signing_deadline is not None  # set on approval
    with in_tenant_language(application.tenant):
        subject = _("Admission notice %(n)s") % {"n": application.number}
        body = _(
            "Your application %(n)s has been approved. The admission notice is attached. "
            "Please sign the lease by %(d)s; after that date the approval lapses."
        ) % {"n": application.number, "d": application.signing_deadline.isoformat()}
    notice_send(
        tenant=application.tenant,
        subject=subject,
        body=body,
        recipients=_recipients(application),
        attachment=document,
        by=by,
    )


def _render_admission_notice(application: Application, by: User) -> Document:
    management = application.steps.select_related("decided_by").get(
        department=ReviewStep.Department.MANAGEMENT
    )
    approvals = application.steps.select_related("decided_by").order_by("decided_at")
    with in_tenant_language(application.tenant):
        title = _("Admission notice: %(name)s") % {"name": application.applicant_name}
    return document_render(
        template="documents/forms/admission_notice.html",
        context={"application": application, "approvals": approvals, "management_step": management},
        kind=ADMISSION_NOTICE,
        title=title,
        tenant=application.tenant,
        about=application,
        by=by,
        number_prefix=ADMISSION_PREFIX,
    )


def _invitee(application: Application) -> str:
    """Whom the portal invitation goes to: a portal user's contact, otherwise the tenant's primary contact.

    For a tenant made from this application that is the applicant's contact; for an existing tenant the
    application was linked to, it is the contact the tenant's file already knows, never the applicant's.
    """
    if application.channel == Application.Channel.PORTAL:
        return application.contact_email
    primary = application.tenant.contacts.filter(is_primary=True).first()  # type: ignore[union-attr]
    return primary.email if primary is not None else ""


def _invite(application: Application, by: User) -> str:
    """A portal account for the invitee's e-mail and a link to choose a password; '' when none is made."""
    email = _invitee(application).strip().lower()
    tenant = application.tenant
    if not email or TenantMembership.objects.filter(tenant=tenant, user__email__iexact=email).exists():
        return ""
    try:
        membership, _password = tenant_services.portal_account_create(
            tenant=tenant, by=by, username=email, email=email
        )
    except DomainError:  # the address is somebody's username already: staff invite by hand
        return ""
    user = membership.user
    link = settings.SITE_URL + reverse(
        "intake:invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    body = _(
        "You have been invited to the tenant portal of %(t)s. Your login is %(u)s. "
        "Choose your password here: %(l)s"
    ) % {"t": tenant.name, "u": user.username, "l": link}
    _mail_on_commit(_("Your tenant portal account"), body, [email])
    return email


def _recipients(application: Application) -> list[str]:
    """The tenant's known addresses; the applicant's own only when it is not a stranger to the tenant's file.

    An application staff linked to an existing tenant came from someone the tenant's file does not know:
    the tenant's notices (and its contacts' addresses) do not go to them.
    """
    linked = linking.is_linked(application)
    extra = [application.contact_email] if application.contact_email and not linked else []
    tenant_addresses = tenant_email_addresses(application.tenant) if application.tenant else []
    return list(dict.fromkeys([*tenant_addresses, *extra]))


def _tell(application: Application, subject: str, body: str, by: User | None) -> None:
    """A tenant is told by notice (portal inbox and e-mail); a prospective applicant by e-mail."""
    if application.tenant is not None:
        recipients = _recipients(application)
        notice_send(tenant=application.tenant, subject=subject, body=body, recipients=recipients, by=by)
        if application.contact_email and application.contact_email not in recipients:
            _mail_on_commit(subject, body, [application.contact_email])  # the applicant of a linked one
    elif application.contact_email:
        _mail_on_commit(subject, body, [application.contact_email])


def applicant_tell_rejected(*, application: Application, by: User) -> None:
    """The rejection, with its reason."""
    with _applicant_language(application):
        subject = _("Application %(n)s rejected") % {"n": application.number}
        body = _("We are sorry: your application %(n)s has been rejected. Reason: %(r)s") % {
            "n": application.number,
            "r": application.decision_reason,
        }
    _tell(application, subject, body, by)


def applicant_tell_returned(*, application: Application, needed: str, by: User) -> None:
    """What is needed, and where to give it (the private link, or the portal for a tenant)."""
    with _applicant_language(application):
        subject = _("Application %(n)s: more information needed") % {"n": application.number}
        body = _("Please complete your application %(n)s: %(w)s") % {"n": application.number, "w": needed}
    if application.channel == Application.Channel.PORTAL:
        body += "\n" + settings.SITE_URL + reverse("portal:application-detail", args=[application.pk])
    else:
        body += "\n" + follow_url(application)
    _tell(application, subject, body, by)


def _applicant_language(application: Application) -> AbstractContextManager[None]:
    """Letters to an applicant are in its tenant's language; Simplified Chinese before it has a tenant."""
    return translation.override(tenant_language(application.tenant))


def _mail_on_commit(subject: str, body: str, to: list[str]) -> None:
    transaction.on_commit(partial(_mail, subject=subject, body=body, to=to))


def _mail(*, subject: str, body: str, to: list[str]) -> None:
    try:
        EmailMessage(subject=subject, body=body, to=to).send()
    except OSError:
        logger.exception("Intake e-mail %r could not be sent", subject)


# --- the signing deadline (daily) ------------------------------------------------------------------------


def reminder_days() -> int:
    return int(getattr(settings, "ADMISSION_REMINDER_DAYS", 3))


def admission_reminders_send(*, today: date) -> int:
    """Remind every approved applicant whose signing deadline is near, once per application."""
    due = Application.objects.filter(
        status=Application.Status.APPROVED,
        leased_at__isnull=True,
        signing_deadline__gte=today,
        signing_deadline__lte=today + timedelta(days=reminder_days()),
    ).exclude(events__kind=ApplicationEvent.Kind.REMINDED)
    sent = 0
    for application in due.select_related("tenant"):
        with transaction.atomic():
            if not _once(application, ApplicationEvent.Kind.REMINDED):
                continue
            with _applicant_language(application):
                _tell(
                    application,
                    _("Reminder: sign the lease for application %(n)s") % {"n": application.number},
                    _("The approval of application %(n)s lapses unless the lease is signed by %(d)s.")
                    % {"n": application.number, "d": application.signing_deadline.isoformat()},  # type: ignore[union-attr]
                    None,
                )
            sent += 1
    return sent


def admissions_lapse(*, today: date) -> int:
    """Approvals whose signing deadline has passed without a lease lapse, once."""
    due = Application.objects.filter(
        status=Application.Status.APPROVED, leased_at__isnull=True, signing_deadline__lt=today
    )
    lapsed = 0
    for application in due.select_related("tenant"):
        with transaction.atomic():
            unleased = Application.objects.filter(pk=application.pk, leased_at__isnull=True)
            changed = Application.LIFECYCLE.movable(unleased, Application.Status.LAPSED).update(
                status=Application.Status.LAPSED, updated_at=timezone.now()
            )
            if not changed or not _once(application, ApplicationEvent.Kind.LAPSED):
                continue
            with _applicant_language(application):
                _tell(
                    application,
                    _("Approval of application %(n)s lapsed") % {"n": application.number},
                    _("No lease was signed by %(d)s, so the approval of application %(n)s has lapsed.")
                    % {"n": application.number, "d": application.signing_deadline.isoformat()},  # type: ignore[union-attr]
                    None,
                )
            lapsed += 1
    return lapsed


def _once(application: Application, kind: str) -> bool:
    """Record a once-only clock event; False when it was already recorded (a second run)."""
    try:
        with transaction.atomic():
            steps.record(application, kind, None)
    except IntegrityError:
        return False
    return True


def application_mark_leased(*, application: Application, by: User) -> Application:
    """Leasing calls this when the lease of an approved application is signed: the approval is used."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status != Application.Status.APPROVED:
            raise DomainError(_("Only an approved application can lead to a lease."))
        if application.leased_at is None:
            application.leased_at = timezone.now()
            application.save(update_fields=["leased_at", "updated_at"])
            steps.record(application, ApplicationEvent.Kind.LEASED, by)
    return application
