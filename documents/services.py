"""The verbs of documents: store an upload, render a form, number it, send a notice, mark it read."""

import logging
import re
import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Exists, Model, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .actors import User
from .archive import (
    document_removal_confirm,
    document_removal_restore,
    document_remove,
    dossier_archive,
    dossier_check_open,
)
from .errors import DomainError
from .filetypes import validate_document_file
from .kinds import SIGNATURE_IMAGE, kind_known, kind_label, kind_of
from .models import Document, DocumentSequence, Notice, NoticeRead, NoticeVersion, Signature
from .notice_languages import letter_versions, topic_subscribers_by_language
from .rendering import PrintInfo, html_render, issuer_for, page_counter_css, pdf_render, qr_svg
from .storage import document_storage, file_store, sha256_of_chunks
from .wording import in_tenant_language

logger = logging.getLogger(__name__)

__all__ = [
    "document_number_next",
    "document_removal_confirm",
    "document_removal_restore",
    "document_remove",
    "document_render",
    "document_upload",
    "dossier_archive",
    "notice_send",
    "signature_record",
]

UPLOAD_NUMBER_PREFIX = "UP"
_PREFIX_RE = re.compile(r"^[A-Z]{1,6}$")


def document_number_next(*, prefix: str) -> str:
    """The next number for the prefix this year, e.g. ``TC-2026-000123``; gap-free within committed work."""
    if not _PREFIX_RE.match(prefix):
        raise ValueError(f"A document number prefix is 1-6 capital letters, not {prefix!r}.")
    year = timezone.localdate().year
    table = DocumentSequence._meta.db_table
    # One statement creates the year's counter or takes its next value; the row stays locked until commit.
    with connection.cursor() as cursor:
        cursor.execute(
            # The table name comes from the model, the values are parameters.
            f"INSERT INTO {table} (prefix, year, last_value) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (prefix, year) DO UPDATE SET last_value = {table}.last_value + 1 "
            "RETURNING last_value",
            [prefix, year],
        )
        (value,) = cursor.fetchone()
    return f"{prefix}-{year}-{value:06d}"


def _about_fields(about: Model | None) -> dict[str, Any]:
    if about is None:
        return {"about_type": None, "about_id": None}
    return {"about_type": ContentType.objects.get_for_model(about), "about_id": about.pk}


def _check_kind(kind: str) -> None:
    """A document's kind is one an app registered (``documents.kinds``); anything else is a mistake."""
    if not kind_known(kind):
        raise ValueError(f"Unknown document kind {kind!r}.")


def _uploaded_by_the_tenant(by: User | None) -> bool:
    return by is not None and by.is_authenticated and not getattr(by, "is_staff", False)


@transaction.atomic
def document_upload(
    *,
    file: File,
    kind: str,
    tenant: Any = None,
    about: Model | None = None,
    confidential: bool = False,
    by: User | None = None,
    title: str = "",
    expires_on: date | None = None,
    visible_to_tenant: bool | None = None,
) -> Document:
    """Store a PDF, JPEG or PNG (told by its bytes) under a new name with its SHA-256.

    Licence scans and ID copies are always confidential. An archived dossier takes no new upload. The tenant
    sees in its portal what it uploaded itself; a staff upload only when ``visible_to_tenant`` says so.

    Raises ``ValidationError`` for an empty, oversized or unaccepted file; nothing is stored then.
    """
    _check_kind(kind)
    dossier_check_open(tenant_id=getattr(tenant, "pk", None), kind=kind)
    if expires_on is not None and not kind_of(kind).expiring:
        raise DomainError(_("Only licences and identity papers carry an expiry date."), field="expires_on")
    file_type = validate_document_file(file)
    sha256 = sha256_of_chunks(file.chunks())
    original = (file.name or "").replace("\\", "/").rsplit("/", 1)[-1][:255]
    path = file_store(file=file, extension=file_type.extension)
    return Document.objects.create(
        kind=kind,
        title=(title or original or str(kind_of(kind).label))[:200],
        number=document_number_next(prefix=UPLOAD_NUMBER_PREFIX),
        tenant=tenant,
        **_about_fields(about),
        file_path=path,
        original_filename=original,
        content_type=file_type.content_type,
        size=file.size,
        sha256=sha256,
        confidential=confidential or kind_of(kind).confidential,
        visible_to_tenant=_uploaded_by_the_tenant(by) if visible_to_tenant is None else visible_to_tenant,
        created_by=by,
        expires_on=expires_on,
    )


def document_verify_url(token: uuid.UUID) -> str:
    return settings.SITE_URL + reverse("documents:verify", args=[token])


@transaction.atomic
def document_render(
    *,
    template: str,
    context: dict[str, Any],
    kind: str,
    title: str | Promise,
    tenant: Any = None,
    about: Model | None = None,
    by: User | None = None,
    number_prefix: str,
    number: str | None = None,
    confidential: bool = False,
    visible_to_tenant: bool | None = None,
) -> Document:
    """Render a print template (extending ``documents/forms/base_form.html``) to a numbered PDF/A-3b.

    An archived dossier takes no new form, except the closing bills and letters of the tenant's account. The
    tenant sees the forms written for it (its kind's ``tenant_visible``) unless ``visible_to_tenant``
    says otherwise (a letter addressed to management). A form for a tenant is written in the tenant's
    language (``Tenant.language``), whatever the language of the clerk who asked for it; a lazy ``title``
    (``gettext_lazy``, ``format_lazy``) is translated in it too.
    """
    _check_kind(kind)
    dossier_check_open(tenant_id=getattr(tenant, "pk", None), kind=kind)
    # A caller may take the number beforehand in a short transaction of its own (``document_number_next``),
    # so that the numbering lock is not held while WeasyPrint renders.
    number = number or document_number_next(prefix=number_prefix)
    token = uuid.uuid4()
    verify_url = document_verify_url(token)
    with in_tenant_language(tenant):
        title = str(title)
        info = PrintInfo(
            number=number,
            title=title,
            kind=kind_label(kind),
            date=timezone.localdate(),
            verify_url=verify_url,
            qr_svg=qr_svg(verify_url),
            management_name=issuer_for(about),  # the letterhead: the office of the record's building
            page_counter_css=page_counter_css(),
        )
        html = html_render(template=template, context=context, info=info)
    pdf = pdf_render(html)
    path = file_store(file=ContentFile(pdf, name=f"{number}.pdf"), extension=".pdf")
    return Document.objects.create(
        kind=kind,
        title=title[:200],
        number=number,
        tenant=tenant,
        **_about_fields(about),
        file_path=path,
        original_filename=f"{number}.pdf",
        content_type="application/pdf",
        size=len(pdf),
        sha256=sha256_of_chunks([pdf]),
        confidential=confidential,
        visible_to_tenant=kind_of(kind).tenant_visible if visible_to_tenant is None else visible_to_tenant,
        verify_token=token,
        created_by=by,
    )


def tenant_email_addresses(tenant: Any, extra: Iterable[str] = ()) -> list[str]:
    """The tenant's own e-mail, then its contacts' (primary first), then ``extra``, each once."""
    addresses = [tenant.email, *(contact.email for contact in tenant.contacts.all()), *extra]
    return list(dict.fromkeys(address.strip() for address in addresses if address and address.strip()))


@transaction.atomic
def notice_send(
    *,
    tenant: Any,
    subject: str | Promise,
    body: str | Promise,
    recipients: list[str] | None = None,
    attachment: Document | None = None,
    by: User | None = None,
    topic: str = Notice.Topic.GENERAL,
) -> Notice:
    """Record a notice in the tenant's portal inbox; e-mail it (with its PDF) once the transaction commits.

    A lazy subject or body is written in the tenant's language, whatever the sender reads in. Without given
    recipients it goes to the tenant's address, its contacts and the portal people who chose its topic.
    """
    given_subject, given_body = subject, body  # lazy text is written again in each person's language
    with in_tenant_language(tenant):
        subject, body = str(subject), str(body)
    if not subject.strip() or not body.strip():
        raise DomainError(_("A notice needs a subject and a body."))
    if attachment is not None and attachment.tenant_id != tenant.pk:
        raise DomainError(_("The attachment must be a document of this tenant."), field="attachment")
    if attachment is not None and attachment.confidential:
        raise DomainError(_("A confidential document cannot be sent as a notice."), field="attachment")
    if attachment is not None and not attachment.visible_to_tenant:
        # What goes out by e-mail is the tenant's from then on: only what is meant for it.
        raise DomainError(
            _("Only a document meant for the tenant can be sent with a notice."), field="attachment"
        )
    versions: list[dict[str, Any]] = []  # for the people who chose another language
    if recipients is None:
        recipients, versions = letter_versions(
            tenant=tenant,
            subject=given_subject,
            body=given_body,
            addresses=tenant_email_addresses(tenant),
            subscribers=topic_subscribers_by_language([tenant.pk], topic).get(tenant.pk, []),
        )
    notice = Notice.objects.create(
        tenant=tenant,
        subject=subject.strip(),
        body=body,
        topic=topic,
        recipients=list(recipients),
        attachment=attachment,
        created_by=by,
    )
    NoticeVersion.objects.bulk_create(NoticeVersion(notice=notice, **version) for version in versions)
    if notice.recipients or versions:
        transaction.on_commit(partial(_notice_email_queue, notice_id=notice.pk))
    return notice


def notices_send_many(
    letters: Iterable[tuple[Any, str | Promise, str | Promise]],
    *,
    by: User | None = None,
    topic: str = Notice.Topic.GENERAL,
) -> list[Notice]:
    """``notice_send`` for many tenants at once (a sweep, a survey's invitations): each (tenant, subject,
    body) is written in its tenant's language, all notices are recorded in one statement, and each is e-mailed
    by its own task once the transaction commits. Prefetch the tenants' ``contacts`` for constant queries
    (the people who chose the topic are found in one more query)."""
    letters = list(letters)
    subscribers = topic_subscribers_by_language((tenant.pk for tenant, _s, _b in letters), topic)
    notices, versions = [], []
    for tenant, given_subject, given_body in letters:
        with in_tenant_language(tenant):
            subject, body = str(given_subject).strip(), str(given_body)
        if not subject or not body.strip():
            raise DomainError(_("A notice needs a subject and a body."))
        recipients, others = letter_versions(
            tenant=tenant,
            subject=given_subject,
            body=given_body,
            addresses=tenant_email_addresses(tenant),
            subscribers=subscribers.get(tenant.pk, []),
        )
        versions.append(others)
        notices.append(
            Notice(
                tenant=tenant,
                subject=subject,
                body=body,
                topic=topic,
                recipients=recipients,
                created_by=by,
            )
        )
    written = Notice.objects.bulk_create(notices)
    NoticeVersion.objects.bulk_create(
        NoticeVersion(notice=notice, **version)
        for notice, others in zip(written, versions, strict=True)
        for version in others
    )
    for notice, others in zip(written, versions, strict=True):
        if notice.recipients or others:
            transaction.on_commit(partial(_notice_email_queue, notice_id=notice.pk))
    return written


def _notice_email_queue(*, notice_id: int) -> None:
    from .tasks import notice_email  # the tasks module imports this one

    notice_email.delay(notice_id)


# A notice someone gets by e-mail: in the tenant's language, or in a language a person chose.
_HAS_READERS = ~Q(recipients=[]) | Exists(
    NoticeVersion.objects.filter(notice=OuterRef("pk")).exclude(recipients=[])
)


def notice_email(*, notice_id: int) -> bool:
    """E-mail a recorded notice once; False when it was e-mailed already or another sender is at it.

    The notice's row stays locked while the mail server talks (at most EMAIL_TIMEOUT a step), and the
    e-mailed mark is a compare-and-set in the same transaction: two senders never both mail it. A mail
    server error rolls the mark back and propagates, so the task retries and the sweep finds it; a worker
    that dies mid-send leaves it unmarked too (sent again rather than lost).
    """
    with transaction.atomic():
        notice = (
            Notice.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("attachment")
            .filter(_HAS_READERS, pk=notice_id, emailed_at__isnull=True)
            .first()
        )
        if notice is None:
            return False
        for message in _notice_messages(notice):
            message.send()
        return (
            Notice.objects.filter(pk=notice_id, emailed_at__isnull=True).update(emailed_at=timezone.now())
            == 1
        )


def _notice_messages(notice: Notice) -> list[EmailMessage]:
    """The e-mail in the tenant's language, then one per language people chose (with the same PDF)."""
    versions = [(notice.subject, notice.body, notice.recipients)]
    versions += [(v.subject, v.body, v.recipients) for v in notice.versions.order_by("language")]
    messages = [
        EmailMessage(subject=subject, body=body, to=recipients)
        for subject, body, recipients in versions
        if recipients
    ]
    if notice.attachment is not None:
        with document_storage().open(notice.attachment.file_path, "rb") as handle:
            content = handle.read()
        for message in messages:
            message.attach(notice.attachment.download_name, content, notice.attachment.content_type)
    return messages


# A notice's e-mail gets this long to go out by its own task before the sweep sends it again; notices older
# than the cut-off are left alone (their news is stale, and an upgrade must not mail the whole archive).
NOTICE_EMAIL_GRACE = timedelta(minutes=15)
NOTICE_EMAIL_CUTOFF = timedelta(days=3)


def notices_unsent(*, now: datetime) -> list[int]:
    """Notices with recipients not e-mailed within the grace period (and not too old to send still)."""
    return list(
        Notice.objects.filter(
            emailed_at__isnull=True,
            created_at__lte=now - NOTICE_EMAIL_GRACE,
            created_at__gt=now - NOTICE_EMAIL_CUTOFF,
        )
        .filter(_HAS_READERS)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def notice_mark_read(*, notice: Notice, by: User | None = None) -> Notice:
    """The tenant opened the notice: remember the first time only, and the first time each person did."""
    now = timezone.now()
    if Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=now):
        notice.read_at = now
    if by is not None:
        NoticeRead.objects.get_or_create(notice=notice, user=by)
    return notice


_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


@transaction.atomic
def signature_record(
    *,
    signer_name: str,
    signer_role: str,
    method: str,
    document: Document | None = None,
    about: Model | None = None,
    content_sha256: str = "",
    user: User | None = None,
    signed_at: datetime | None = None,
    ip_address: str | None = None,
    image_png: bytes | None = None,
    tenant: Any = None,
) -> Signature:
    """Record one signature on a document (its hash is what was signed) or on a record (hash given).

    A drawn signature (PNG bytes) is stored as a document of its own. Raises DomainError when the signer is
    unnamed, the hash does not match the document, or there is nothing to sign.
    """
    if not signer_name.strip():
        raise DomainError(_("Enter the name of the person signing."), field="signer_name")
    if signer_role not in Signature.SignerRole.values or method not in Signature.Method.values:
        raise ValueError(f"Unknown signer role {signer_role!r} or method {method!r}.")
    if document is None and about is None:
        raise ValueError("A signature needs a document or a record it is about.")
    content_sha256 = _signed_hash(document, content_sha256)
    image = None
    if image_png is not None:
        if method != Signature.Method.ON_SCREEN:
            raise DomainError(_("Only a signature drawn on screen comes with a picture."), field="image")
        image = document_upload(
            file=ContentFile(image_png, name="signature.png"),
            kind=SIGNATURE_IMAGE,
            tenant=tenant if tenant is not None else getattr(document, "tenant", None),
            about=document or about,
            by=user,
            title=signer_name.strip(),
            visible_to_tenant=False,
        )
    return Signature.objects.create(
        document=document,
        **_about_fields(about),
        signer_name=signer_name.strip()[:100],
        signer_role=signer_role,
        user=user,
        method=method,
        signed_at=signed_at or timezone.now(),
        ip_address=ip_address or None,
        image=image,
        content_sha256=content_sha256,
    )


def _signed_hash(document: Document | None, content_sha256: str) -> str:
    """The hash of what is signed: the document's own, which a given hash must match."""
    content_sha256 = content_sha256.strip().lower()
    if document is not None:
        if content_sha256 and content_sha256 != document.sha256:
            raise DomainError(_("The document changed since it was shown for signing; show it again."))
        return document.sha256
    if not _SHA256_RE.match(content_sha256):
        raise ValueError("A signature on a record needs the SHA-256 (64 hex digits) of what was signed.")
    return content_sha256
