"""Licences and identity papers about to expire: one reminder per document and expiry date, with a notice
to the tenant; the front desk sees the same list on its page and on the dossier."""

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .kinds import kind_keys
from .models import Document, ExpiryReminder
from .services import notice_send
from .wording import in_tenant_language


def expiring_documents(*, today: date) -> QuerySet[Document]:
    """Kept licences and IDs of live dossiers expiring within the reminder window (or already expired),
    unless a later-expiring one of the same kind has been filed for the tenant since."""
    horizon = today + timedelta(days=settings.DOCUMENT_EXPIRY_REMINDER_DAYS)
    renewed = Document.objects.filter(
        tenant_id=OuterRef("tenant_id"),
        kind=OuterRef("kind"),
        removed_at__isnull=True,
        expires_on__gt=OuterRef("expires_on"),
    )
    reminded = ExpiryReminder.objects.filter(document_id=OuterRef("pk"), expires_on=OuterRef("expires_on"))
    return (
        Document.objects.filter(
            kind__in=kind_keys(expiring=True),
            expires_on__lte=horizon,
            removed_at__isnull=True,
            tenant__isnull=False,
            tenant__dossier_archive__isnull=True,
        )
        .exclude(Exists(renewed))
        .annotate(reminded=Exists(reminded))
        .select_related("tenant")
        .order_by("expires_on", "pk")
    )


def expiry_reminders_send(*, today: date | None = None) -> int:
    """Daily: remind the tenant of each licence or ID expiring soon, once per document and expiry date."""
    today = today or timezone.localdate()
    sent = 0
    for document in expiring_documents(today=today).filter(reminded=False):
        sent += _remind(document)
    return sent


def _remind(document: Document) -> int:
    try:
        with transaction.atomic():
            reminder = ExpiryReminder.objects.create(document=document, expires_on=document.expires_on)
            subject, body = _reminder_text(document)
            notice = notice_send(tenant=document.tenant, subject=subject, body=body)
            ExpiryReminder.objects.filter(pk=reminder.pk).update(notice=notice)
    except IntegrityError:  # reminded by a parallel run
        return 0
    return 1


def _reminder_text(document: Document) -> tuple[str, str]:
    """The reminder's subject and body in the tenant's language (the daily job has no reader of its own)."""
    with in_tenant_language(document.tenant):
        values = {
            "kind": document.get_kind_display(),
            "tenant": document.tenant.name,
            "number": document.number,
            "date": f"{document.expires_on:%Y-%m-%d}",
        }
        subject = _("Your %(kind)s expires on %(date)s") % values
        body = (
            _(
                "The %(kind)s we keep on file for %(tenant)s (document %(number)s) is valid until "
                "%(date)s. Please bring or upload the renewed one to the service desk before then."
            )
            % values
        )
    return subject, body
