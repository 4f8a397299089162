"""What every fit-out verb shares: locking an application in an allowed status, the event log, telling the
tenant, storing an upload with the refusal shown at the field."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from documents.kinds import PHOTO
from documents.models import Document
from documents.models import Notice as Letter
from documents.services import document_upload, notice_send

from ..models import Application, Event

PDF_MAGIC = b"%PDF-"


def application_lock(application: Application, *statuses: str) -> Application:
    """The application, locked for this transaction; refused unless it is in one of the statuses."""
    application = (
        Application.objects.select_for_update().select_related("lease", "tenant").get(pk=application.pk)
    )
    if statuses and application.status not in statuses:
        raise DomainError(
            _("Not possible while the fit-out is “%(status)s”.")
            % {"status": application.get_status_display()}
        )
    return application


def event_add(application: Application, text: str, by: User, **params: str | int) -> Event:
    """Log a step: ``text`` is the untranslated message (``gettext_noop``), shown in the reader's language."""
    return Event.objects.create(
        application=application, text=text[:300], params=params, by=by if _is_user(by) else None
    )


def _is_user(by: User) -> bool:
    return getattr(by, "pk", None) is not None


def tenant_tell(application: Application, subject: str, body: str, *, document: Any = None, by: User) -> None:
    """A notice in the tenant's portal inbox (and by e-mail), with the PDF when there is one."""
    notice_send(
        tenant=application.tenant,
        subject=subject,
        body=body,
        attachment=document,
        by=by,
        topic=Letter.Topic.FITOUT,
    )


def is_pdf(file: File) -> bool:
    file.seek(0)
    head = file.read(len(PDF_MAGIC))
    file.seek(0)
    return head == PDF_MAGIC


def upload(
    file: File, *, kind: str, application: Application, field: str, by: User, pdf_only: bool = False
) -> Document:
    """Store an upload about the application; a wrong or broken file is refused at ``field``."""
    if pdf_only and not is_pdf(file):
        raise DomainError(
            _("“%(name)s” is not a PDF. Drawings and designs are uploaded as PDF files.")
            % {"name": file.name or "?"},
            field=field,
        )
    try:
        return document_upload(
            file=file,
            kind=kind,
            tenant=application.tenant,
            about=application,
            by=by if _is_user(by) else None,
            # Drawings and the fire-safety approval are the tenant's papers; a worker's photo is the guards'.
            visible_to_tenant=kind != PHOTO,
        )
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field=field) from None
