"""The verbs of an application before review: save a draft, attach documents, submit, resubmit after a return.

Each runs in one transaction on the locked application and leaves a line in its timeline. The same verbs serve
the front desk, the public page (``by`` is None) and the portal (``by`` is the tenant's user).
"""

import datetime as dt
import hashlib
import uuid
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.actors import User
from documents.errors import DomainError
from documents.models import Document
from documents.selectors import documents_about
from documents.services import document_number_next, document_upload

from ..access import require_role
from ..document_kinds import BUSINESS_LICENCE, FINANCIAL_STATEMENT, ID_COPY
from ..models import Application, ApplicationEvent, ReviewStep, Tenant
from ..roles import Role
from ..validators import validate_credit_code, validate_mobile, validate_resident_id
from . import steps

NUMBER_PREFIX = "SQ"
INTAKE_ROLES: tuple[str, ...] = (Role.FRONT_DESK, Role.BUSINESS, Role.MANAGEMENT)
# What an applicant may upload, and which of them the completeness check asks for.
UPLOAD_KINDS: tuple[str, ...] = (
    BUSINESS_LICENCE,
    ID_COPY,
    FINANCIAL_STATEMENT,
)
# A desired start further back than this is asked about: right only for a tenant already in the space.
PAST_START_DAYS = 30


class ApplicationFields(TypedDict, total=False):
    applicant_kind: str
    applicant_name: str
    credit_code: str
    id_number: str
    legal_representative: str
    licence_valid_until: Any
    contact_name: str
    contact_mobile: str
    contact_email: str
    building: str
    area_min: Decimal | None
    area_max: Decimal | None
    unit_codes: str
    use: str
    start_date: Any
    end_date: Any
    headcount: int | None
    notes: str


def application_create(
    *,
    channel: str,
    by: User | None = None,
    tenant: Tenant | None = None,
    idempotency_key: uuid.UUID | None = None,
    files: dict[str, File] | None = None,
    past_start_reason: str = "",
    **fields: Unpack[ApplicationFields],
) -> Application:
    """A new draft; the same form key sent twice (a double click) returns the first draft. A desired start far
    in the past needs a reason, kept on the timeline."""
    if channel == Application.Channel.FRONT_DESK:
        require_role(by, INTAKE_ROLES)
    with transaction.atomic():
        if idempotency_key is not None:
            existing = Application.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing
        application = Application(
            channel=channel, tenant=tenant, entered_by=by, idempotency_key=idempotency_key
        )
        if tenant is not None:
            _copy_tenant(application, tenant)
        _assign(application, fields)
        reason = _past_start_reason(application, None, past_start_reason)
        application.number = document_number_next(prefix=NUMBER_PREFIX)
        application.save()
        ReviewStep.objects.bulk_create(
            ReviewStep(application=application, department=department) for department in steps.ORDER
        )
        _attach(application, files or {}, by)
        _event(application, ApplicationEvent.Kind.CREATED, by, comment=reason)
    return application


def application_update(
    *,
    application: Application,
    by: User | None = None,
    files: dict[str, File] | None = None,
    past_start_reason: str = "",
    **changes: Unpack[ApplicationFields],
) -> Application:
    """Change a draft or a returned application; a decided one, or one in review, cannot change. A desired
    start moved far into the past needs a reason, kept on the timeline."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if not application.is_editable:
            raise DomainError(
                _("This application can no longer be changed (it is %(s)s).")
                % {"s": application.get_status_display()}
            )
        previous_start = application.start_date
        _assign(application, changes)
        _keep_tenant_identity(application)
        reason = _past_start_reason(application, previous_start, past_start_reason)
        application.save()
        _attach(application, files or {}, by)
        _event(application, ApplicationEvent.Kind.UPDATED, by, comment=reason)
    return application


def application_submit(*, application: Application, by: User | None = None) -> Application:
    """Send a complete draft to review (business first); submitting it again changes nothing."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status == Application.Status.IN_REVIEW:
            return application  # a double click: already submitted
        if application.status == Application.Status.RETURNED:
            return _resubmit(application, by)
        if application.status != Application.Status.DRAFT:
            raise DomainError(
                _("This application has already been decided (%(s)s) and cannot be submitted again.")
                % {"s": application.get_status_display()}
            )
        _require_complete(application)
        Application.LIFECYCLE.move(application, Application.Status.IN_REVIEW)
        application.submitted_at = timezone.now()
        application.save(update_fields=["status", "submitted_at", "updated_at"])
        steps.sync(application)
        _event(application, ApplicationEvent.Kind.SUBMITTED, by)
    return application


def _resubmit(application: Application, by: User | None) -> Application:
    """Review resumes at the step that returned it; approvals stand unless what they approved has changed."""
    _require_complete(application)
    current = application_fingerprint(application)
    for step in application.steps.select_for_update().filter(status=ReviewStep.Status.APPROVED):
        if step.approved_fingerprint != current:
            ReviewStep.LIFECYCLE.move(step, ReviewStep.Status.WAITING)
            step.save(update_fields=["status"])
            _event(application, ApplicationEvent.Kind.APPROVAL_VOIDED, by, department=step.department)
    returned = application.steps.filter(status=ReviewStep.Status.RETURNED)
    ReviewStep.LIFECYCLE.movable(returned, ReviewStep.Status.WAITING).update(status=ReviewStep.Status.WAITING)
    Application.LIFECYCLE.move(application, Application.Status.IN_REVIEW)
    application.save(update_fields=["status", "updated_at"])
    steps.sync(application)
    _event(application, ApplicationEvent.Kind.RESUBMITTED, by)
    return application


def application_document_add(
    *, application: Application, kind: str, file: File, by: User | None = None
) -> Document:
    """Attach a scan to a draft or returned application (the newest of a kind is the one that counts)."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if not application.is_editable:
            raise DomainError(_("Documents can only be added while the application is a draft or returned."))
        (document,) = _attach(application, {kind: file}, by)
    return document


# --- completeness ----------------------------------------------------------------------------------------


def application_missing(application: Application) -> list[str]:
    """What is still missing before the application can be submitted, each named for the applicant."""
    missing: list[str] = []
    required = [
        ("applicant_name", _("the applicant's name")),
        ("contact_name", _("a contact person")),
        ("contact_mobile", _("the contact person's mobile")),
        ("use", _("the use of the space")),
        ("start_date", _("the desired start date")),
        ("end_date", _("the desired end date")),
        ("headcount", _("the expected head-count")),
    ]
    if application.applicant_kind == Tenant.Kind.COMPANY:
        required[1:1] = [
            ("credit_code", _("the unified social credit code")),
            ("legal_representative", _("the legal representative")),
        ]
    else:
        required[1:1] = [("id_number", _("the resident ID number"))]
    missing += [label for field, label in required if getattr(application, field) in (None, "")]
    if not (application.building or application.unit_codes or application.area_min or application.area_max):
        missing.append(_("the space wanted (a building, an area range or units)"))
    kinds = set(documents_about(application).values_list("kind", flat=True))
    for kind, label in _required_documents(application):
        if kind not in kinds:
            missing.append(label)
    return missing


def _required_documents(application: Application) -> list[tuple[str, str]]:
    if application.applicant_kind == Tenant.Kind.COMPANY:
        return [
            (BUSINESS_LICENCE, _("a scan of the business licence")),
            (ID_COPY, _("a copy of the legal representative's ID")),
        ]
    return [(ID_COPY, _("a copy of the applicant's ID"))]


def _require_complete(application: Application) -> None:
    missing = application_missing(application)
    if missing:
        raise DomainError(_("The application is incomplete. Missing: %(m)s.") % {"m": "; ".join(missing)})


def application_fingerprint(application: Application) -> str:
    """What an approval is given on: the space, the term and the documents (their bytes)."""
    documents = sorted(documents_about(application).values_list("kind", "sha256"))
    parts = [
        application.building,
        str(application.area_min),
        str(application.area_max),
        application.unit_codes,
        str(application.start_date),
        str(application.end_date),
        repr(documents),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


# --- helpers ---------------------------------------------------------------------------------------------


def _assign(application: Application, fields: ApplicationFields) -> None:
    for name, value in fields.items():
        setattr(application, name, value.strip() if isinstance(value, str) else value)
    _check(application)


def _check(application: Application) -> None:
    """The rules every saved version keeps (a draft may be incomplete, never wrong)."""
    if not application.applicant_name:
        raise DomainError(_("The application needs the applicant's name."), field="applicant_name")
    if application.applicant_kind == Tenant.Kind.COMPANY:
        application.id_number = ""
        application.credit_code = _valid(validate_credit_code, application.credit_code, "credit_code")
    else:
        application.credit_code = ""
        application.id_number = _valid(validate_resident_id, application.id_number, "id_number")
    application.contact_mobile = _valid(validate_mobile, application.contact_mobile, "contact_mobile")
    start, end = application.start_date, application.end_date
    if start and end and end <= start:
        raise DomainError(_("The end of the term must be after its start."), field="end_date")
    low, high = application.area_min, application.area_max
    if low is not None and high is not None and high < low:
        raise DomainError(_("The largest area must not be smaller than the smallest."), field="area_max")
    if application.headcount is not None and application.headcount < 1:
        raise DomainError(_("The expected head-count must be at least 1."), field="headcount")


def far_in_the_past(day: dt.date | None) -> bool:
    """A date more than ``PAST_START_DAYS`` before today."""
    return day is not None and day < timezone.localdate() - dt.timedelta(days=PAST_START_DAYS)


def _past_start_reason(application: Application, previous: dt.date | None, reason: str) -> str:
    """The reason for a start set far in the past (required then); "" for a recent or unchanged start."""
    start = application.start_date
    if not far_in_the_past(start) or start == previous:
        return ""
    if not reason.strip():
        raise DomainError(
            _("This start date is more than %(days)s days in the past: say why it is right.")
            % {"days": PAST_START_DAYS},
            field="start_date",
        )
    return reason.strip()


def _valid(validator: Any, value: str, field: str) -> str:
    if not value:
        return ""
    try:
        return validator(value)
    except ValidationError as error:
        raise DomainError(error.messages[0], field=field) from None


def _keep_tenant_identity(application: Application) -> None:
    """An application that belongs to a tenant keeps its identifier (staff linked it on that basis)."""
    tenant = application.tenant
    if tenant is None or application.identifier == tenant.identifier:
        return
    field = "credit_code" if application.applicant_kind == Tenant.Kind.COMPANY else "id_number"
    raise DomainError(
        _("This application belongs to the tenant %(t)s: its credit code or ID number cannot change.")
        % {"t": tenant.name},
        field=field,
    )


def _copy_tenant(application: Application, tenant: Tenant) -> None:
    """A tenant applying for more space: its identity comes from its file."""
    application.applicant_kind = tenant.kind
    application.applicant_name = tenant.name
    application.credit_code = tenant.credit_code
    application.id_number = tenant.id_number
    application.legal_representative = tenant.legal_representative


def _attach(application: Application, files: dict[str, File], by: User | None) -> list[Document]:
    documents = []
    # The licence carries the validity the applicant stated, so its expiry raises a reminder.
    licence_expiry = {BUSINESS_LICENCE: application.licence_valid_until}
    for kind, file in files.items():
        if file is None:
            continue
        if kind not in UPLOAD_KINDS:
            raise DomainError(_("This kind of document cannot be attached to an application."))
        try:
            documents.append(
                document_upload(
                    file=file,
                    kind=kind,
                    tenant=application.tenant,
                    about=application,
                    by=by if getattr(by, "is_authenticated", False) else None,
                    expires_on=licence_expiry.get(kind),
                )
            )
        except ValidationError as error:
            raise DomainError(error.messages[0], field=kind) from None
    return documents


_event = steps.record
